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
 *   <li>{@code kyro-index}: KyroDB's {@link VectorIndex} on Lucene through the engine's SPI, in process;</li>
 *   <li>{@code raw-lucene}: Lucene as an application uses it ({@link RawLuceneIndex});</li>
 *   <li>{@code brute-force}: exact search with the engine's best kernels;</li>
 *   <li>{@code kyro-jdbc}: KyroDB through JDBC ({@link JdbcVectorSearch}), exact search; with
 *   {@code --jdbc-index} through an HNSW index and {@code SET hnsw.ef_search} instead.</li>
 * </ul>
 * Each point is appended to {@code bench/target/vectors/recall-qps.csv} ({@link RecallQpsPoint};
 * the {@code jvm} column says whether the JVM had the incubator Vector API: run once as is and once
 * with {@code KYRO_BENCH_VECTOR_API=off}), and {@code recall-qps.png} is redrawn from the whole CSV
 * ({@link RecallQpsPlot}). Recall counts ties with the 10th exact neighbour as hits (the Debian
 * corpus has groups of identical vectors). 10 untimed passes warm the JIT; each point is a recall pass and
 * {@code --passes} timed passes over the queries.
 */
public final class VectorRecall {
    private static final int K = 10;
    private static final int M = 16;
    private static final int BEAM = 64;
    private static final int[] EFS = {10, 20, 40, 80, 160, 400};

    private VectorRecall() {
    }

    public static void main(String[] args) throws Exception {
        List<String> datasets = new ArrayList<>();
        List<String> searchers = new ArrayList<>(List.of("kyro-index", "raw-lucene", "brute-force", "kyro-jdbc"));
        int queries = 100;
        int passes = 3;
        boolean jdbcIndex = false;
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
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                case "--jdbc-index" -> jdbcIndex = true;
                case "--plot" -> plotOnly = true;
                case "--help", "-h" -> {
                    System.out.println("bin/bench vectors [--dataset bigann10k,fmnistsmall,debian] "
                            + "[--searchers kyro-index,raw-lucene,brute-force,kyro-jdbc] [--queries 100] [--passes 3] "
                            + "[--jdbc-index] [--data-dir DIR] [--out DIR] [--plot]\n"
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
                run(data, searchers, Math.min(queries, data.queries().size()), passes, jdbcIndex, jvm, csv);
            }
        }
        Path png = out.resolve("recall-qps.png");
        RecallQpsPlot.render(RecallQpsPoint.read(csv), png, String.format(Locale.ROOT,
                "k=10, m=16, beam 64, 1 thread, %d processors, %s %s; from %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), Runtime.version(), csv.getFileName()));
        System.out.println("wrote " + csv + " and " + png);
    }

    private interface Searcher {
        long[] search(float[] q, int ef) throws Exception;
    }

    /** Measures each searcher and appends its points to {@code csv} as soon as it is done. */
    private static void run(VectorDataset data, List<String> searchers, int n, int passes, boolean jdbcIndex,
                            String jvm, Path csv) throws Exception {
        System.out.printf(Locale.ROOT, "vectors %s: %,d x %d, %d queries, k=%d, m=%d, ef_construction=%d, %s; kernels %s; %d passes%n",
                data.name(), data.base().size(), data.dimensions(), n, K, M, BEAM, data.distance().operator(),
                VectorKernels.best().name(), passes);
        Path tmp = Files.createTempDirectory("kyro-vectors");
        try {
            for (String name : searchers) {
                long t0 = System.nanoTime();
                List<AutoCloseable> closers = new ArrayList<>();
                Searcher s;
                boolean exact = false;
                switch (name) {
                    case "kyro-index" -> {
                        VectorIndex index = VectorIndexProvider.find().orElseThrow().open(tmp.resolve("kyro"),
                                new VectorIndexSpec(data.dimensions(), data.distance(), M, BEAM));
                        for (int i = 0; i < data.base().size(); i++) {
                            index.put(i, data.base().get(i));
                        }
                        index.commit(1);
                        closers.add(index);
                        s = (q, ef) -> index.search(q, K, ef, id -> true, Integer.MAX_VALUE).stream()
                                .mapToLong(VectorIndex.Neighbor::rowId).toArray();
                    }
                    case "raw-lucene" -> {
                        RawLuceneIndex raw = new RawLuceneIndex(tmp.resolve("lucene"), data.base(), data.distance(), M, BEAM);
                        closers.add(raw);
                        s = (q, ef) -> raw.search(q, K, ef);
                    }
                    case "brute-force" -> {
                        exact = true;
                        s = (q, ef) -> bruteForce(data.base(), data.distance(), q);
                    }
                    case "kyro-jdbc" -> {
                        exact = !jdbcIndex;
                        JdbcVectorSearch jdbc = new JdbcVectorSearch(data.base(), data.distance(), K, jdbcIndex, M, BEAM);
                        closers.add(jdbc);
                        s = jdbc::search;
                    }
                    default -> throw new IllegalArgumentException("unknown searcher " + name);
                }
                System.out.printf(Locale.ROOT, "%s: built in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
                int warm = exact ? 1 : 10;
                for (int p = 0; p < warm; p++) {
                    for (int i = 0; i < n; i++) {
                        s.search(data.queries().get(i), 40);
                    }
                }
                List<RecallQpsPoint> points = new ArrayList<>();
                for (int ef : exact ? new int[]{0} : EFS) {
                    points.add(measure(data, name, jvm, ef, s, n, exact ? 1 : passes));
                }
                RecallQpsPoint.append(csv, points);
                for (AutoCloseable c : closers) {
                    c.close();
                }
            }
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static RecallQpsPoint measure(VectorDataset data, String name, String jvm, int ef, Searcher s, int n, int passes)
            throws Exception {
        double recall = 0;
        for (int i = 0; i < n; i++) {   // untimed: measures recall and warms this ef
            recall += recall(data, data.queries().get(i), s.search(data.queries().get(i), ef), data.truth().get(i));
        }
        long t0 = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i++) {
                s.search(data.queries().get(i), ef);
            }
        }
        double qps = passes * n / ((System.nanoTime() - t0) / 1e9);
        RecallQpsPoint point = new RecallQpsPoint(data.name(), name, jvm, ef, recall / n, qps);
        System.out.printf(Locale.ROOT, "%-12s %-10s %6s %10.4f %,10.0f%n", name, jvm, ef == 0 ? "exact" : Integer.toString(ef),
                point.recall(), qps);
        return point;
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
