package io.kyrodb.bench;

import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndexProvider;
import io.kyrodb.engine.vector.VectorIndexSpec;
import io.kyrodb.engine.vector.VectorKernels;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * {@code bin/bench vectors}: recall@10 against each data set's exact neighbours and queries per
 * second (one thread), for ef_search from 10 to 400, on the shared TEXMEX sets (bigann10k,
 * fmnistsmall, L2) and the Debian corpus embedded with MiniLM (cosine; {@link DebianCorpus}), for
 * searchers over the same vectors with the same HNSW parameters (m 16, beam 64):
 * <ul>
 *   <li>{@code kyro-jdbc}: KyroDB through JDBC ({@link JdbcVectorSearch}): {@code ORDER BY v <op> ? LIMIT 10}
 *   with an HNSW index and {@code SET hnsw.ef_search}; each ef's recall pass is checked to be the
 *   graph walk at that ef (EXPLAIN ANALYZE's Strategy line), not an exact search;</li>
 *   <li>{@code raw-lucene}: Lucene as an application uses it ({@link RawLuceneIndex});</li>
 *   <li>{@code kyro-index}: KyroDB's {@link VectorIndex} on Lucene through the engine's SPI, in
 *   process (what the JDBC path adds on top of it is SQL, rows and snapshots);</li>
 *   <li>{@code brute-force}: exact search with the engine's best kernels;</li>
 *   <li>{@code kyro-jdbc-exact}: the same JDBC statement answered by KyroDB's exact search.</li>
 * </ul>
 * The machine is shared, so the searchers of a data set are built first and then measured
 * interleaved: for each ef, {@code --rounds} rounds, each timing every searcher (in a rotating
 * order) over {@code --passes} passes of the queries, or more until the round lasts half a second;
 * a point's QPS is the median of its rounds.
 * Each point is appended to {@code bench/target/vectors/recall-qps.csv} ({@link RecallQpsPoint};
 * the {@code jvm} column says whether the JVM had the incubator Vector API: run once as is and once
 * with {@code KYRO_BENCH_VECTOR_API=off}), and {@code recall-qps.png} is redrawn from the whole CSV
 * ({@link RecallQpsPlot}). Recall counts ties with the 10th exact neighbour as hits (the Debian
 * corpus has groups of identical vectors); 10 untimed passes warm the JIT, and each point's recall
 * pass (untimed) warms its ef.
 */
public final class VectorRecall {
    private static final int K = 10;
    private static final int M = 16;
    private static final int BEAM = 64;
    private static final int[] EFS = {10, 20, 40, 80, 160, 400};
    private static final double TARGET_RECALL = 0.95;
    /** A timed round of one searcher lasts at least this long (more passes than asked when queries are fast). */
    private static final long ROUND_NANOS = 500_000_000L;

    private VectorRecall() {
    }

    public static void main(String[] args) throws Exception {
        List<String> datasets = new ArrayList<>();
        List<String> searchers = new ArrayList<>(List.of("kyro-jdbc", "raw-lucene", "kyro-index", "brute-force",
                "kyro-jdbc-exact"));
        int queries = 100;
        int passes = 2;
        int rounds = 5;
        boolean plotOnly = false;
        Path root = Path.of(System.getProperty("kyro.bench.root", "."));
        Path dataDir = root.resolve("../shared/datasets");
        Path out = root.resolve("bench/target/vectors");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dataset" -> datasets.addAll(Arrays.asList(args[++i].split(",")));
                case "--searchers" -> searchers = new ArrayList<>(Arrays.asList(args[++i].split(",")));
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--plot" -> plotOnly = true;
                case "--help", "-h" -> {
                    System.out.println("bin/bench vectors [--dataset bigann10k,fmnistsmall,debian] "
                            + "[--searchers kyro-jdbc,raw-lucene,kyro-index,brute-force,kyro-jdbc-exact] [--queries 100] "
                            + "[--passes 2] [--rounds 5] [--data-dir DIR] [--out DIR] [--plot]\n"
                            + "  KYRO_BENCH_VECTOR_API=off bin/bench vectors ...  runs without jdk.incubator.vector");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
        }
        if (datasets.isEmpty()) {
            datasets.addAll(List.of("bigann10k", "fmnistsmall", "debian"));
        }
        Path csv = out.resolve("recall-qps.csv");
        String jvm = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "vector-api" : "scalar";
        if (!plotOnly) {
            for (String name : datasets) {
                VectorDataset data = VectorDataset.load(name, dataDir, root.resolve("bench/target"));
                run(data, searchers, Math.min(queries, data.queries().size()), passes, rounds, jvm, csv);
            }
        }
        Path png = out.resolve("recall-qps.png");
        RecallQpsPlot.render(RecallQpsPoint.read(csv), png, String.format(Locale.ROOT,
                "k=10, m=16, beam 64, 1 thread, %d processors, %s %s; from %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), Runtime.version(), csv.getFileName()));
        System.out.println("wrote " + csv + " and " + png);
    }

    private interface Search {
        long[] search(float[] q, int ef) throws Exception;
    }

    /** A built searcher: exact ones are measured once (ef 0); {@code check} runs before an ef's recall pass. */
    private record Searcher(String name, boolean exact, Search search, Check check) {
    }

    /** Checks a searcher around an ef's recall pass of {@code n} queries (that the index, not exact search, answered). */
    private interface Check {
        void before(float[] q, int ef) throws Exception;

        default void after(int n) {
        }
    }

    /** Builds the searchers, then measures them interleaved and appends the points to {@code csv}. */
    private static void run(VectorDataset data, List<String> names, int n, int passes, int rounds, String jvm, Path csv)
            throws Exception {
        System.out.printf(Locale.ROOT, "vectors %s: %,d x %d, %d queries, k=%d, m=%d, ef_construction=%d, %s; kernels %s; "
                        + "%d rounds of %d passes%n", data.name(), data.base().size(), data.dimensions(), n, K, M, BEAM,
                data.distance().operator(), VectorKernels.best().name(), rounds, passes);
        Path tmp = Files.createTempDirectory("kyro-vectors");
        List<AutoCloseable> closers = new ArrayList<>();
        try {
            List<Searcher> searchers = new ArrayList<>();
            JdbcVectorSearch jdbc = null;
            for (String name : names) {
                long t0 = System.nanoTime();
                Check none = (q, ef) -> {
                };
                switch (name) {
                    case "kyro-index" -> {
                        VectorIndex index = VectorIndexProvider.find().orElseThrow().open(tmp.resolve("kyro"),
                                new VectorIndexSpec(data.dimensions(), data.distance(), M, BEAM));
                        closers.add(index);
                        List<float[]> base = data.base();
                        index.putAll(java.util.stream.IntStream.range(0, base.size())
                                .mapToObj(i -> java.util.Map.entry((long) i, base.get(i))).iterator());
                        index.commit(1);
                        System.out.printf(Locale.ROOT, "kyro-index: %d Lucene segment(s)%n", segments(tmp.resolve("kyro")));
                        searchers.add(new Searcher(name, false, (q, ef) -> index.search(q, K, ef, VectorIndex.ACCEPT_ALL,
                                Integer.MAX_VALUE).stream().mapToLong(VectorIndex.Neighbor::rowId).toArray(), none));
                    }
                    case "raw-lucene" -> {
                        RawLuceneIndex raw = new RawLuceneIndex(tmp.resolve("lucene"), data.base(), data.distance(), M, BEAM);
                        closers.add(raw);
                        searchers.add(new Searcher(name, false, (q, ef) -> raw.search(q, K, ef), none));
                    }
                    case "brute-force" -> searchers.add(new Searcher(name, true,
                            (q, ef) -> bruteForce(data.base(), data.distance(), q), none));
                    case "kyro-jdbc", "kyro-jdbc-exact" -> {
                        if (jdbc == null) {
                            jdbc = new JdbcVectorSearch(data.base(), data.distance(), K, M, BEAM);
                            closers.add(jdbc);
                            System.out.printf(Locale.ROOT, "kyro-jdbc: loaded %,d rows through JDBC in %.1f s, "
                                    + "CREATE INDEX ... USING hnsw until the walk answers: %.1f s%n", data.base().size(),
                                    jdbc.loadSeconds(), jdbc.indexSeconds());
                        }
                        JdbcVectorSearch j = jdbc;
                        Check walk = new Check() {
                            @Override
                            public void before(float[] q, int ef) throws Exception {
                                j.checkWalk(q, ef);
                            }

                            @Override
                            public void after(int n) {
                                j.checkCounted(n);
                            }
                        };
                        searchers.add(name.equals("kyro-jdbc") ? new Searcher(name, false, j::search, walk)
                                : new Searcher(name, true, (q, ef) -> j.exact(q), none));
                    }
                    default -> throw new IllegalArgumentException("unknown searcher " + name);
                }
                System.out.printf(Locale.ROOT, "%s: built in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
            }
            for (Searcher s : searchers) {
                for (int p = 0; p < (s.exact() ? 1 : 10); p++) {
                    for (int i = 0; i < n; i++) {
                        s.search().search(data.queries().get(i), 40);
                    }
                }
            }
            List<RecallQpsPoint> points = new ArrayList<>();
            List<Searcher> ann = searchers.stream().filter(s -> !s.exact()).toList();
            List<Searcher> exact = searchers.stream().filter(Searcher::exact).toList();
            for (int ef : EFS) {
                points.addAll(measure(data, ann, jvm, ef, n, passes, rounds));
            }
            if (!exact.isEmpty()) {
                points.addAll(measure(data, exact, jvm, 0, n, 1, Math.min(rounds, 3)));
            }
            RecallQpsPoint.append(csv, points);
            summarize(data.name(), points);
        } finally {
            for (AutoCloseable c : closers.reversed()) {
                c.close();
            }
            try (var files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Lucene segments in {@code dir} (one .si file each; each has a graph a search walks). */
    private static long segments(Path dir) throws java.io.IOException {
        try (var files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".si")).count();
        }
    }

    /** One point per searcher at {@code ef}: an untimed recall pass each, then interleaved timed rounds. */
    private static List<RecallQpsPoint> measure(VectorDataset data, List<Searcher> searchers, String jvm, int ef, int n,
                                                int passes, int rounds) throws Exception {
        double[] recall = new double[searchers.size()];
        double[][] qps = new double[searchers.size()][rounds];
        double[][] cpu = new double[searchers.size()][rounds];
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int s = 0; s < searchers.size(); s++) {
            Searcher searcher = searchers.get(s);
            searcher.check().before(data.queries().get(0), ef);
            for (int i = 0; i < n; i++) {
                float[] q = data.queries().get(i);
                recall[s] += recall(data, q, searcher.search().search(q, ef), data.truth().get(i));
            }
            searcher.check().after(n);
            recall[s] /= n;
        }
        for (int r = 0; r < rounds; r++) {
            for (int j = 0; j < searchers.size(); j++) {
                int s = (j + r) % searchers.size();   // rotates who goes first
                Search search = searchers.get(s).search();
                long c0 = threads.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                long elapsed;
                int done = 0;
                do {   // at least --passes passes and ROUND_NANOS: a short round is one scheduler hiccup
                    for (int i = 0; i < n; i++) {
                        search.search(data.queries().get(i), ef);
                    }
                    done++;
                    elapsed = System.nanoTime() - t0;
                } while (done < passes || elapsed < ROUND_NANOS);
                qps[s][r] = (double) done * n / (elapsed / 1e9);
                cpu[s][r] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / ((double) done * n);
            }
        }
        List<RecallQpsPoint> points = new ArrayList<>();
        for (int s = 0; s < searchers.size(); s++) {
            double[] sorted = qps[s].clone();
            Arrays.sort(sorted);
            double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                    : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
            RecallQpsPoint point = new RecallQpsPoint(data.name(), searchers.get(s).name(), jvm, ef, recall[s], median);
            points.add(point);
            double[] cpus = cpu[s].clone();
            Arrays.sort(cpus);
            System.out.printf(Locale.ROOT, "%-15s %-10s %6s %8.4f %,10.0f qps  (rounds %,.0f .. %,.0f)  cpu %,.1f us/query "
                            + "(least of the rounds)%n", point.searcher(), jvm, ef == 0 ? "exact" : Integer.toString(ef),
                    point.recall(), median, sorted[0], sorted[sorted.length - 1], cpus[0]);
        }
        return points;
    }

    /**
     * Prints, per ef, kyro-jdbc's QPS over raw Lucene's (same run, interleaved), and the two at the
     * smallest ef where each reaches recall 0.95.
     */
    private static void summarize(String dataset, List<RecallQpsPoint> points) {
        java.util.Map<Integer, RecallQpsPoint> jdbc = new java.util.TreeMap<>();
        java.util.Map<Integer, RecallQpsPoint> raw = new java.util.TreeMap<>();
        for (RecallQpsPoint p : points) {
            if (p.searcher().equals("kyro-jdbc")) {
                jdbc.put(p.ef(), p);
            } else if (p.searcher().equals("raw-lucene")) {
                raw.put(p.ef(), p);
            }
        }
        if (jdbc.isEmpty() || raw.isEmpty()) {
            return;
        }
        for (int ef : jdbc.keySet()) {
            RecallQpsPoint r = raw.get(ef);
            if (r != null) {
                System.out.printf(Locale.ROOT, "%s ef %d: kyro-jdbc/raw-lucene QPS %.2f (recall %.4f vs %.4f)%n", dataset,
                        ef, jdbc.get(ef).qps() / r.qps(), jdbc.get(ef).recall(), r.recall());
            }
        }
        RecallQpsPoint j = jdbc.values().stream().filter(p -> p.recall() >= TARGET_RECALL).findFirst().orElse(null);
        RecallQpsPoint r = raw.values().stream().filter(p -> p.recall() >= TARGET_RECALL).findFirst().orElse(null);
        if (j == null || r == null) {
            System.out.printf(Locale.ROOT, "%s: recall %.2f not reached by %s%n", dataset, TARGET_RECALL,
                    j == null && r == null ? "either" : j == null ? "kyro-jdbc" : "raw-lucene");
        } else {
            System.out.printf(Locale.ROOT, "%s at recall >= %.2f: kyro-jdbc %,.0f QPS (ef %d) / raw-lucene %,.0f QPS (ef %d)"
                    + " = %.2f%n", dataset, TARGET_RECALL, j.qps(), j.ef(), r.qps(), r.ef(), j.qps() / r.qps());
        }
    }

    /**
     * Recall@10 counting ties: a returned row is a hit when it is one of the 10 exact neighbours or
     * as near as the 10th of them (real data has exact duplicates, and any copy is a right answer).
     */
    static double recall(VectorDataset data, float[] q, long[] got, int[] truth) {
        double kth = data.distance().distance(q, data.base().get(truth[K - 1]));
        int hits = 0;
        for (long id : got) {
            boolean hit = false;
            for (int j = 0; j < K && !hit; j++) {
                hit = truth[j] == id;
            }
            if (hit || data.distance().distance(q, data.base().get((int) id)) <= kth + 1e-6 * Math.max(1, Math.abs(kth))) {
                hits++;
            }
        }
        return Math.min(1.0, (double) hits / K);
    }

    private static long[] bruteForce(List<float[]> base, VectorDistance distance, float[] q) {
        VectorKernels kernels = VectorKernels.best();
        PriorityQueue<double[]> top = new PriorityQueue<>(Comparator.comparingDouble((double[] e) -> -e[0]));
        for (int i = 0; i < base.size(); i++) {
            double d = kernels.distance(distance, q, base.get(i));
            if (top.size() < K) {
                top.add(new double[]{d, i});
            } else if (d < top.peek()[0]) {
                top.poll();
                top.add(new double[]{d, i});
            }
        }
        return top.stream().sorted(Comparator.comparingDouble(e -> e[0])).mapToLong(e -> (long) e[1]).toArray();
    }
}
