package io.kyrodb.vectors.lucene;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndex.Neighbor;
import io.kyrodb.engine.vector.VectorIndexProvider;
import io.kyrodb.engine.vector.VectorIndexSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Recall on real text embeddings: every 30th package of the shared Debian corpus (2,123 rows, real
 * near-duplicates included), title + description embedded in process with all-MiniLM-L6-v2
 * (quantized ONNX, 384 dimensions), indexed for cosine with the default HNSW settings (m=16,
 * ef_construction=64) and searched with a beam of 40, against exact search; also with
 * {@code section = ...} filters matching about 0.1%, 5% and 10% of the rows, where every search must
 * return exactly min(k, matching rows) rows. Queries are other packages' texts (offset 12 in each
 * stride of 30), so they are not in the index. Embedding them takes 20-45 s on this project's
 * shared 2-core machine (printed: about 21 ms a text under load), so the vectors are cached in
 * {@code target/} and a rerun without {@code clean} skips it.
 */
class DebianCorpusRecallTest {
    private static final int STRIDE = 30;
    private static final int K = 10;
    private static final int QUERIES = 60;

    @TempDir
    static Path dir;
    private static List<DebianPackages.Pkg> rows;
    private static List<float[]> vectors;
    private static List<float[]> queries;
    private static VectorIndex index;

    @BeforeAll
    static void embedAndIndex() throws IOException {
        Path file = Path.of(System.getProperty("kyro.shared.dir", "../../shared"), "datasets", "debian-packages",
                "debian-packages.jsonl.gz");
        assumeTrue(Files.isRegularFile(file), "no shared Debian corpus at " + file);
        rows = DebianPackages.read(file, STRIDE).packages();
        List<DebianPackages.Pkg> queryRows = offsetRows(file);
        Path cache = Path.of("target", "debian-minilm-q-stride" + STRIDE + ".fvecs");
        List<float[]> all = Files.isRegularFile(cache) ? LuceneVectorIndexTest.fvecs(cache) : List.of();
        if (all.size() != rows.size() + queryRows.size()) {
            EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
            long t0 = System.nanoTime();
            all = new ArrayList<>(embed(model, rows));
            all.addAll(embed(model, queryRows));
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("Debian corpus: embedded %d texts in %.1f s (%.1f ms each) on %d processors%n",
                    all.size(), seconds, 1000 * seconds / all.size(), Runtime.getRuntime().availableProcessors());
            writeFvecs(cache, all);
        }
        vectors = all.subList(0, rows.size());
        queries = all.subList(rows.size(), all.size());
        index = VectorIndexProvider.find().orElseThrow().open(dir.resolve("debian"),
                VectorIndexSpec.defaults(vectors.get(0).length, VectorDistance.COSINE));
        for (int i = 0; i < vectors.size(); i++) {
            index.put(i, vectors.get(i));
        }
        index.commit(1);
    }

    @AfterAll
    static void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }

    private static void writeFvecs(Path file, List<float[]> vs) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(vs.size() * (4 + 4 * vs.get(0).length))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float[] v : vs) {
            b.putInt(v.length);
            for (float f : v) {
                b.putFloat(f);
            }
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, b.array());
    }

    /** Packages at offset STRIDE / 2 of each stride: near the indexed ones, never the same rows. */
    private static List<DebianPackages.Pkg> offsetRows(Path file) throws IOException {
        List<DebianPackages.Pkg> all = DebianPackages.read(file, 1).packages();
        List<DebianPackages.Pkg> out = new ArrayList<>();
        for (int i = STRIDE / 2; i < all.size() && out.size() < QUERIES; i += all.size() / QUERIES) {
            out.add(all.get(i - i % STRIDE + STRIDE / 2));
        }
        return out;
    }

    private static List<float[]> embed(EmbeddingModel model, List<DebianPackages.Pkg> pkgs) {
        List<TextSegment> segments = pkgs.stream().map(p -> TextSegment.from(p.text())).toList();
        List<float[]> out = new ArrayList<>();
        for (int from = 0; from < segments.size(); from += 256) {
            model.embedAll(segments.subList(from, Math.min(from + 256, segments.size()))).content()
                    .forEach(e -> out.add(e.vector()));
        }
        return out;
    }

    private static List<Neighbor> exact(float[] q, LongPredicate accept) {
        List<Neighbor> all = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            if (accept.test(i)) {
                all.add(new Neighbor(i, VectorDistance.COSINE.distance(q, vectors.get(i))));
            }
        }
        all.sort(Comparator.comparingDouble(Neighbor::distance).thenComparingLong(Neighbor::rowId));
        return all.subList(0, Math.min(K, all.size()));
    }

    /** Recall counting ties: a returned row counts if its distance is within the k-th exact one. */
    private static double recall(List<Neighbor> got, List<Neighbor> want) {
        if (want.isEmpty()) {
            return 1;
        }
        double kth = want.get(want.size() - 1).distance();
        long hits = got.stream().filter(n -> n.distance() <= kth + 1e-6).count();
        return Math.min(1.0, (double) hits / want.size());
    }

    private static double meanRecall(LongPredicate accept, int matching) throws IOException {
        double sum = 0;
        for (float[] q : queries) {
            List<Neighbor> got = index.search(q, K, 40, accept, Integer.MAX_VALUE);
            // min(k, matching) rows, and the near-ties of the k-th (cosine: within rounding of its
            // distance; a group of duplicates there comes whole), which the engine cuts by its exact distance
            int k = Math.min(K, matching);
            assertThat(got).as("rows returned").hasSizeGreaterThanOrEqualTo(k);
            if (k > 0) {
                double kth = got.get(k - 1).distance();
                assertThat(got.subList(k, got.size())).as("rows past k")
                        .allSatisfy(n -> assertThat(n.distance()).isLessThanOrEqualTo(kth * (1 + 1e-5) + 1e-6));
            }
            assertThat(got).allSatisfy(n -> assertThat(accept.test(n.rowId())).isTrue());
            sum += recall(got, exact(q, accept));
        }
        return sum / queries.size();
    }

    @Test
    void recallAtTenWithoutAFilter() throws IOException {
        double r = meanRecall(id -> true, rows.size());
        System.out.printf("Debian corpus: recall@10 %.4f over %d queries, %d rows, no filter%n", r, queries.size(), rows.size());
        assertThat(r).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void recallAtTenWithSectionFiltersOfDifferentSelectivity() throws IOException {
        Map<String, Long> counts = rows.stream().collect(Collectors.groupingBy(DebianPackages.Pkg::section, Collectors.counting()));
        Set<String> used = new java.util.HashSet<>();
        for (double share : new double[]{0.001, 0.05, 0.10}) {
            String section = closest(counts, share * rows.size(), used);
            used.add(section);
            long matching = counts.get(section);
            LongPredicate accept = id -> rows.get((int) id).section().equals(section);
            double r = meanRecall(accept, (int) matching);
            System.out.printf("Debian corpus: recall@10 %.4f with section = '%s' (%d of %d rows, %.2f%%)%n",
                    r, section, matching, rows.size(), 100.0 * matching / rows.size());
            assertThat(r).as("recall with section = " + section).isGreaterThanOrEqualTo(0.95);
        }
    }

    private static String closest(Map<String, Long> counts, double target, Set<String> used) {
        Map<String, Double> gap = new HashMap<>();
        counts.forEach((s, c) -> gap.put(s, Math.abs(c - target)));
        return gap.entrySet().stream().filter(e -> !used.contains(e.getKey()))
                .min(Map.Entry.<String, Double>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .orElseThrow().getKey();
    }
}
