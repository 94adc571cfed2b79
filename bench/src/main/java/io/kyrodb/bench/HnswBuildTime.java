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
 * does ({@code putAll}), against raw Lucene building the same graph ({@link RawLuceneIndex}: one
 * document per vector, one segment), alternating, {@code --rounds} times each. Each includes the
 * commit (and for raw Lucene, opening a reader).
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
        for (int round = 1; round <= rounds; round++) {
            Path rawDir = Files.createTempDirectory("kyro-bench-hnsw-build-raw");
            long raw = System.nanoTime();
            new RawLuceneIndex(rawDir, base, VectorDistance.L2, spec.m(), spec.efConstruction()).close();
            System.out.printf(Locale.ROOT, "round %d, raw Lucene: %.2f s%n", round, (System.nanoTime() - raw) / 1e9);
            for (boolean bulk : new boolean[]{false, true}) {
                Path dir = Files.createTempDirectory("kyro-bench-hnsw-build");
                long t = System.nanoTime();
                try (VectorIndex index = provider.open(dir, spec)) {
                    if (bulk) {
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
                }
                System.out.printf(Locale.ROOT, "round %d, %s: %.2f s%n", round, bulk ? "putAll" : "put", (System.nanoTime() - t) / 1e9);
            }
        }
    }
}
