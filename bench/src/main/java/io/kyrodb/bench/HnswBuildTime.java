package io.kyrodb.bench;

import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndexProvider;
import io.kyrodb.engine.vector.VectorIndexSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench hnsw-build}: the time to build an HNSW graph (m 16, ef_construction 64, L2) over
 * a shared TEXMEX set through the engine's SPI, one row at a time ({@code put}) and as CREATE INDEX
 * does ({@code putAll}, on one thread and on two: {@code kyro.hnsw.build.threads}), against raw
 * Lucene building the same graph ({@link RawLuceneIndex}: one document per vector, one segment),
 * alternating, {@code --rounds} times each. Each includes the commit (and for raw Lucene, opening a
 * reader). Wall time, the process's CPU time and the load average before it (the machine may be
 * shared), then recall@10 at ef_search 40 and queries per second on what it built.
 */
public final class HnswBuildTime {
    private HnswBuildTime() {
    }

    public static void main(String[] args) throws Exception {
        String dataset = "bigann10k";
        int rounds = 3;
        Path dataDir = Path.of(System.getProperty("kyro.bench.root", "."), "..", "shared", "datasets");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dataset" -> dataset = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--data" -> dataDir = Path.of(args[++i]);
                default -> {
                    System.out.println("bin/bench hnsw-build [--dataset bigann10k|fmnistsmall] [--rounds N] [--data DIR]");
                    return;
                }
            }
        }
        List<float[]> base = VectorDataset.fvecs(dataDir.resolve(dataset).resolve(dataset + "_base.fvecs"));
        VectorIndexProvider provider = VectorIndexProvider.find().orElseThrow();
        VectorIndexSpec spec = VectorIndexSpec.defaults(base.get(0).length, VectorDistance.L2);
        List<float[]> queries = VectorDataset.fvecs(dataDir.resolve(dataset).resolve(dataset + "_query.fvecs"));
        List<int[]> truth = VectorDataset.ivecs(dataDir.resolve(dataset).resolve(dataset + "_groundtruth.ivecs"));
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        com.sun.management.OperatingSystemMXBean cpu = (com.sun.management.OperatingSystemMXBean) os;
        System.out.printf(Locale.ROOT, "%s: %d x %d, m %d, ef_construction %d, %d processors%n", dataset, base.size(),
                base.get(0).length, spec.m(), spec.efConstruction(), os.getAvailableProcessors());
        // Each variant: put one row at a time, or the engine's putAll (as CREATE INDEX calls it) with
        // kyro.hnsw.build.threads; then recall@10 and the queries' CPU cost on the graph it built.
        String[][] variants = {{"put, one at a time", "1"}, {"putAll, 1 thread", "1"}, {"putAll, 2 threads", "2"}};
        for (int round = 1; round <= rounds; round++) {
            Path rawDir = Files.createTempDirectory("kyro-bench-hnsw-build-raw");
            double load = os.getSystemLoadAverage();
            long raw = System.nanoTime();
            long rawCpu = cpu.getProcessCpuTime();
            new RawLuceneIndex(rawDir, base, VectorDistance.L2, spec.m(), spec.efConstruction()).close();
            System.out.printf(Locale.ROOT, "round %d, raw Lucene: %.2f s wall, %.2f s CPU (load %.1f)%n", round,
                    (System.nanoTime() - raw) / 1e9, (cpu.getProcessCpuTime() - rawCpu) / 1e9, load);
            for (String[] variant : variants) {
                System.setProperty("kyro.hnsw.build.threads", variant[1]);
                Path dir = Files.createTempDirectory("kyro-bench-hnsw-build");
                load = os.getSystemLoadAverage();
                long t = System.nanoTime();
                long c = cpu.getProcessCpuTime();
                double recall;
                double qps;
                try (VectorIndex index = provider.open(dir, spec)) {
                    if (variant[0].startsWith("putAll")) {
                        Map<Long, float[]> rows = new LinkedHashMap<>();
                        for (int i = 0; i < base.size(); i++) {
                            rows.put((long) i, base.get(i));
                        }
                        index.putAll(rows.entrySet().iterator());
                    } else {
                        for (int i = 0; i < base.size(); i++) {
                            index.put(i, base.get(i));
                        }
                    }
                    index.commit(1);
                    t = System.nanoTime() - t;
                    c = cpu.getProcessCpuTime() - c;
                    recall = recall(index, queries, truth);
                    for (int pass = 0; pass < 3; pass++) {   // warm-up
                        recall(index, queries, truth);
                    }
                    long q = System.nanoTime();
                    long qc = cpu.getProcessCpuTime();
                    int passes = 10;
                    for (int pass = 0; pass < passes; pass++) {
                        recall(index, queries, truth);
                    }
                    qps = passes * Math.min(queries.size(), 200) / ((cpu.getProcessCpuTime() - qc) / 1e9);
                }
                System.out.printf(Locale.ROOT, "round %d, %s: %.2f s wall, %.2f s CPU (load %.1f), recall@10 %.4f, %.0f"
                        + " queries per CPU second%n", round, variant[0], t / 1e9, c / 1e9, load, recall, qps);
            }
        }
        System.clearProperty("kyro.hnsw.build.threads");
    }

    /** recall@10 at ef_search 40 against the data set's ground truth. */
    private static double recall(VectorIndex index, List<float[]> queries, List<int[]> truth) throws java.io.IOException {
        int hits = 0;
        int n = Math.min(queries.size(), 200);
        for (int q = 0; q < n; q++) {
            java.util.Set<Long> want = new java.util.HashSet<>();
            for (int i = 0; i < 10; i++) {
                want.add((long) truth.get(q)[i]);
            }
            for (VectorIndex.Neighbor nb : index.search(queries.get(q), 10, 40, VectorIndex.ACCEPT_ALL, Integer.MAX_VALUE)) {
                if (want.contains(nb.rowId())) {
                    hits++;
                }
            }
        }
        return hits / (10.0 * n);
    }
}
