package io.kyrodb.vectors.lucene;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndex.Neighbor;
import io.kyrodb.engine.vector.VectorIndexProvider;
import io.kyrodb.engine.vector.VectorIndexSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.LongPredicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Lucene vector index against exact search: recall on the shared real data sets, duplicates,
 * filters that must not make results short, updates and deletes, and durability across reopen.
 */
class LuceneVectorIndexTest {
    @TempDir
    Path dir;

    private static VectorIndex open(Path dir, VectorIndexSpec spec) throws IOException {
        return VectorIndexProvider.find().orElseThrow().open(dir, spec);
    }

    /** Exact top k among accepted rows, ties by row id: the answer every plan must give. */
    private static List<Neighbor> exact(List<float[]> vectors, float[] q, int k, VectorDistance d, LongPredicate accept) {
        List<Neighbor> all = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            if (vectors.get(i) != null && accept.test(i)) {
                all.add(new Neighbor(i, d.distance(q, vectors.get(i))));
            }
        }
        all.sort(Comparator.comparingDouble(Neighbor::distance).thenComparingLong(Neighbor::rowId));
        return all.subList(0, Math.min(k, all.size()));
    }

    /** Recall@k counting ties: a returned row counts if its distance is within the k-th exact one. */
    private static double recall(List<Neighbor> got, List<Neighbor> want) {
        if (want.isEmpty()) {
            return 1;
        }
        double kth = want.get(want.size() - 1).distance();
        long hits = got.stream().filter(n -> n.distance() <= kth + 1e-6 * Math.max(1, Math.abs(kth))).count();
        return Math.min(1.0, (double) hits / want.size());
    }

    static List<float[]> fvecs(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            float[] v = new float[b.getInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getFloat();
            }
            out.add(v);
        }
        return out;
    }

    private static Path dataset(String name) {
        Path p = Path.of(System.getProperty("kyro.shared.dir", "../../shared"), "datasets", name);
        assumeTrue(Files.isDirectory(p), "no shared data set " + p);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"bigann10k", "fmnistsmall"})
    void recallAtTenWithDefaultSettingsOnRealData(String name) throws IOException {
        Path data = dataset(name);
        List<float[]> base = fvecs(data.resolve(name + "_base.fvecs"));
        List<float[]> queries = fvecs(data.resolve(name + "_query.fvecs"));
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(base.get(0).length, VectorDistance.L2))) {
            for (int i = 0; i < base.size(); i++) {
                index.put(i, base.get(i));
            }
            index.commit(1);
            double sum = 0;
            int n = Math.min(100, queries.size());
            for (int qi = 0; qi < n; qi++) {
                float[] q = queries.get(qi);
                List<Neighbor> got = index.search(q, 10, 40, id -> true, Integer.MAX_VALUE);
                assertThat(got).hasSize(10);
                sum += recall(got, exact(base, q, 10, VectorDistance.L2, id -> true));
            }
            System.out.printf("%s: recall@10 %.4f over %d queries (m=16, ef_construction=64, ef_search=40)%n", name, sum / n, n);
            assertThat(sum / n).as(name + " recall@10").isGreaterThanOrEqualTo(0.95);
        }
    }

    /**
     * Filters that admit 0.1%, 5% and 10% of bigann10k's rows, applied during the walk: every search
     * returns exactly min(k, matching rows) rows, all matching, with recall@10 at least 0.95.
     */
    @ParameterizedTest
    @ValueSource(ints = {1000, 20, 10})
    void selectiveFiltersOnRealDataAreNeverShortAndKeepRecall(int modulus) throws IOException {
        Path data = dataset("bigann10k");
        List<float[]> base = fvecs(data.resolve("bigann10k_base.fvecs"));
        List<float[]> queries = fvecs(data.resolve("bigann10k_query.fvecs"));
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(base.get(0).length, VectorDistance.L2))) {
            for (int i = 0; i < base.size(); i++) {
                index.put(i, base.get(i));
            }
            LongPredicate accept = id -> id % modulus == 3;
            double sum = 0;
            for (float[] q : queries) {
                List<Neighbor> want = exact(base, q, 10, VectorDistance.L2, accept);
                List<Neighbor> got = index.search(q, 10, 40, accept, Integer.MAX_VALUE);
                assertThat(got).as("min(k, matching rows)").hasSize(want.size());
                assertThat(got).allSatisfy(nb -> assertThat(accept.test(nb.rowId())).isTrue());
                sum += recall(got, want);
            }
            double recall = sum / queries.size();
            System.out.printf("bigann10k, filter admitting 1/%d of rows: recall@10 %.4f over %d queries (ef_search=40)%n",
                    modulus, recall, queries.size());
            assertThat(recall).isGreaterThanOrEqualTo(0.95);
        }
    }

    /** Quantized graphs rescore their candidates with the full vectors: exact distances, recall kept. */
    @ParameterizedTest
    @EnumSource(value = io.kyrodb.engine.vector.VectorQuantization.class)
    void quantizedIndexesRescoreWithTheFullVectors(io.kyrodb.engine.vector.VectorQuantization quantization)
            throws IOException {
        Path data = dataset("bigann10k");
        List<float[]> base = fvecs(data.resolve("bigann10k_base.fvecs"));
        List<float[]> queries = fvecs(data.resolve("bigann10k_query.fvecs"));
        VectorIndexSpec spec = new VectorIndexSpec(base.get(0).length, VectorDistance.L2, 16, 64, quantization);
        try (VectorIndex index = open(dir, spec)) {
            for (int i = 0; i < base.size(); i++) {
                index.put(i, base.get(i));
            }
            index.commit(1);
            double sum = 0;
            for (float[] q : queries) {
                List<Neighbor> got = index.search(q, 10, 100, id -> true, Integer.MAX_VALUE);
                assertThat(got).hasSize(10);
                for (Neighbor nb : got) {
                    assertThat(nb.distance()).isEqualTo(VectorDistance.L2.distance(q, base.get((int) nb.rowId())));
                }
                sum += recall(got, exact(base, q, 10, VectorDistance.L2, id -> true));
            }
            double recall = sum / queries.size();
            System.out.printf("bigann10k, quantization %s: recall@10 %.4f (ef_search=100, rescored)%n",
                    quantization.sqlName(), recall);
            assertThat(recall).isGreaterThanOrEqualTo(quantization == io.kyrodb.engine.vector.VectorQuantization.BINARY
                    ? 0.5 : 0.9);
        }
        try (VectorIndex reopened = open(dir, spec)) {
            assertThat(reopened.rows()).isEqualTo(base.size());
            assertThat(reopened.search(queries.get(0), 10, 100, id -> true, Integer.MAX_VALUE)).hasSize(10);
        }
    }

    @ParameterizedTest
    @EnumSource(value = VectorDistance.class, names = {"L2", "COSINE", "NEGATIVE_INNER_PRODUCT"})
    void filteredSearchesReturnMinOfKAndMatchingRowsAndTheExactRows(VectorDistance distance) throws IOException {
        Random r = new Random(42);
        int n = 3000;
        int dims = 16;
        List<float[]> vectors = new ArrayList<>();
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(dims, distance))) {
            for (int i = 0; i < n; i++) {
                float[] v = new float[dims];
                for (int j = 0; j < dims; j++) {
                    v[j] = (float) r.nextGaussian();
                }
                if (i % 20 == 7) {
                    v = vectors.get(i - 7).clone();   // exact duplicates, as real data has
                }
                vectors.add(v);
                index.put(i, v);
            }
            assertThat(index.rows()).isEqualTo(n);
            for (int modulus : new int[]{1000, 100, 10, 2, 1}) {   // 0.1% .. 100% of rows match
                LongPredicate accept = id -> id % modulus == 3;
                for (int qi = 0; qi < 20; qi++) {
                    float[] q = new float[dims];
                    for (int j = 0; j < dims; j++) {
                        q[j] = (float) r.nextGaussian();
                    }
                    List<Neighbor> want = exact(vectors, q, 10, distance, accept);
                    List<Neighbor> got = index.search(q, 10, 100, accept, Integer.MAX_VALUE);
                    assertThat(got).as("never short: min(k, matching rows)").hasSize(want.size());
                    assertThat(got).allSatisfy(nb -> assertThat(accept.test(nb.rowId())).isTrue());
                    assertThat(recall(got, want)).as("modulus " + modulus).isGreaterThanOrEqualTo(0.9);
                }
            }
        }
    }

    /**
     * A build (putAll) holds what puts one by one would: duplicates across batches, zero vectors.
     * Its RAM buffer is small, so it flushes and then inserts on two threads, into several segments.
     */
    @Test
    void aBulkBuildHoldsWhatSinglePutsWould() throws IOException {
        bulkAgainstSinglePuts(VectorDistance.COSINE);
    }

    /**
     * The same under L2. Issue 6: with format 1 (a vector's rows in its document, rewritten for each
     * new row) the deleted copies stayed in the graph, and a query next to a vector with many copies
     * came back short, or empty, or without its own vector.
     */
    @Test
    void aBulkBuildHoldsWhatSinglePutsWouldUnderL2() throws IOException {
        bulkAgainstSinglePuts(VectorDistance.L2);
    }

    private void bulkAgainstSinglePuts(VectorDistance distance) throws IOException {
        Random r = new Random(3);
        int n = 6000;
        List<float[]> vectors = new ArrayList<>();
        java.util.Map<Long, float[]> rows = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            float[] v = {r.nextInt(40), r.nextInt(40), r.nextInt(3)};   // many exact duplicates, some far apart
            if (i % 500 == 0) {
                v = new float[3];                                        // zero vectors (not indexed under cosine)
            }
            vectors.add(v);
            rows.put((long) i, v);
        }
        Path bulkDir = dir.resolve("bulk");
        Path singleDir = dir.resolve("single");
        try (VectorIndex bulk = new LuceneVectorIndex(bulkDir, VectorIndexSpec.defaults(3, distance), 0.25,
                org.apache.lucene.index.NoMergePolicy.INSTANCE);
             VectorIndex single = open(singleDir, VectorIndexSpec.defaults(3, distance))) {
            long parallel = ParallelInserter.STARTED.get();
            bulk.putAll(rows.entrySet().iterator());
            assertThat(ParallelInserter.STARTED.get()).as("went on two threads after its first flush").isGreaterThan(parallel);
            for (Map.Entry<Long, float[]> e : rows.entrySet()) {
                single.put(e.getKey(), e.getValue());
            }
            long indexable = distance == VectorDistance.COSINE
                    ? vectors.stream().filter(v -> VectorDistance.norm(v) > 0).count() : n;
            assertThat(bulk.rows()).isEqualTo(indexable);
            assertThat(single.rows()).isEqualTo(indexable);
            bulk.commit(5);
            single.commit(5);
        }
        try (org.apache.lucene.index.DirectoryReader built = org.apache.lucene.index.DirectoryReader.open(
                org.apache.lucene.store.FSDirectory.open(bulkDir))) {
            assertThat(built.leaves().stream().filter(l -> {
                try {
                    return l.reader().getFloatVectorValues("v") != null;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count()).as("graphs of the bulk build").isGreaterThan(2);
        }
        double bulkRecall = 0;
        double singleRecall = 0;
        int queries = 0;
        try (VectorIndex bulk = open(bulkDir, VectorIndexSpec.defaults(3, distance));
             VectorIndex single = open(singleDir, VectorIndexSpec.defaults(3, distance))) {
            for (int i = 1; i < n; i += 97) {
                float[] q = vectors.get(i);
                if (distance == VectorDistance.COSINE && VectorDistance.norm(q) == 0) {
                    continue;
                }
                List<Neighbor> want = exact(vectors, q, 50, distance,
                        id -> distance != VectorDistance.COSINE || VectorDistance.norm(vectors.get((int) id)) > 0);
                List<Neighbor> fromBulk = bulk.search(q, 50, 200, id -> true, Integer.MAX_VALUE);
                List<Neighbor> fromSingle = single.search(q, 50, 200, id -> true, Integer.MAX_VALUE);
                for (List<Neighbor> got : List.of(fromBulk, fromSingle)) {
                    if (distance == VectorDistance.COSINE) {
                        // k rows, and the near-ties of the k-th (within rounding), which the engine's
                        // exact distance may order before it
                        assertThat(got).as("query %d", i).hasSizeGreaterThanOrEqualTo(50);
                        double kth = got.get(49).distance();
                        assertThat(got.subList(50, got.size())).as("query %d", i)
                                .allSatisfy(nb -> assertThat(nb.distance()).isLessThanOrEqualTo(kth * (1 + 1e-5) + 1e-6));
                    } else {
                        assertThat(got).as("query %d", i).hasSize(50);
                    }
                }
                assertThat(fromBulk.get(0).distance()).as("the query's own vector, query %d", i).isZero();
                assertThat(fromSingle.get(0).distance()).as("the query's own vector, query %d", i).isZero();
                bulkRecall += recall(fromBulk, want);
                singleRecall += recall(fromSingle, want);
                queries++;
            }
        }
        // A 40 x 40 x 3 grid: over two fifths of the rows are exact duplicates (more under cosine, where
        // every multiple of a vector is the same one), and most neighbours tie.
        System.out.printf(java.util.Locale.ROOT, "%s: mean recall@50 bulk %.3f, single puts %.3f%n", distance,
                bulkRecall / queries, singleRecall / queries);
        assertThat(bulkRecall / queries).isGreaterThanOrEqualTo(0.95);
        assertThat(singleRecall / queries).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void duplicatesShareOneDocumentAndAllTheirRowsAreFound() throws IOException {
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(3, VectorDistance.L2))) {
            for (int i = 0; i < 84; i++) {
                index.put(i, new float[]{1, 2, 3});
            }
            index.put(100, new float[]{9, 9, 9});
            List<Neighbor> got = index.search(new float[]{1, 2, 3}, 50, 40, id -> true, Integer.MAX_VALUE);
            assertThat(got).hasSize(50).allSatisfy(nb -> assertThat(nb.distance()).isZero());
            assertThat(got).extracting(Neighbor::rowId).as("ties by row id").isSorted();
            assertThat(index.search(new float[]{1, 2, 3}, 85, 40, id -> true, Integer.MAX_VALUE))
                    .extracting(Neighbor::rowId).endsWith(100L);
        }
    }

    /**
     * Rows added one at a time to a vector already indexed, moved away and back, or deleted while
     * others keep it, never put a second node for that vector into the graph (the root of issue 6:
     * deleted copies of a vector in the graph trap the walk).
     */
    @Test
    void aVectorIsOneGraphNodeHoweverItsRowsChange() throws IOException {
        VectorIndexSpec spec = VectorIndexSpec.defaults(3, VectorDistance.L2);
        try (VectorIndex index = open(dir, spec)) {
            for (int i = 0; i < 84; i++) {
                index.put(i, new float[]{1, 2, 3});
            }
            index.put(100, new float[]{9, 9, 9});
            index.put(5, new float[]{4, 4, 4});    // moved away ...
            index.put(5, new float[]{1, 2, 3});    // ... and back
            index.delete(7);
            index.put(7, new float[]{1, 2, 3});
            index.delete(8);
            index.commit(3);
        }
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir);
             org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(d)) {
            int nodes = 0;
            for (org.apache.lucene.index.LeafReaderContext leaf : reader.leaves()) {
                org.apache.lucene.index.FloatVectorValues values = leaf.reader().getFloatVectorValues("v");
                nodes += values == null ? 0 : values.size();   // deleted documents' vectors included
            }
            assertThat(nodes).as("graph nodes: [1,2,3], [9,9,9], and [4,4,4] deleted when row 5 left it").isEqualTo(3);
        }
        try (VectorIndex index = open(dir, spec)) {
            assertThat(index.rows()).isEqualTo(84);
            List<Neighbor> got = index.search(new float[]{1, 2, 3}, 100, 40, id -> true, Integer.MAX_VALUE);
            assertThat(got).hasSize(84);
            assertThat(got.subList(0, 83)).allSatisfy(nb -> assertThat(nb.distance()).isZero())
                    .extracting(Neighbor::rowId).doesNotContain(8L).contains(5L, 7L).isSorted();
            assertThat(got.get(83).rowId()).isEqualTo(100);
        }
    }

    /** A directory in another layout (format 1 kept a vector's rows in stored fields) is refused, so the engine rebuilds it. */
    @Test
    void anIndexOfAnotherFormatIsRefused() throws IOException {
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir);
             org.apache.lucene.index.IndexWriter w = new org.apache.lucene.index.IndexWriter(d,
                     new org.apache.lucene.index.IndexWriterConfig())) {
            w.addDocument(new org.apache.lucene.document.Document());
            w.setLiveCommitData(Map.of("kyro.lsn", "9").entrySet());
            w.commit();
        }
        assertThatThrownBy(() -> open(dir, VectorIndexSpec.defaults(3, VectorDistance.L2)))
                .isInstanceOf(IOException.class).hasMessageContaining("vector index format 1");
        try (VectorIndex fresh = open(dir.resolve("new"), VectorIndexSpec.defaults(3, VectorDistance.L2))) {
            assertThat(fresh.rows()).isZero();
        }
    }

    /**
     * Format 3: a table not keyed by row ids gives each row's encoded key to store with it; the keys
     * of the rows still there come back after a reopen, following updates and deletes.
     */
    @Test
    void rowKeysAreStoredWithTheRowsAndComeBackAfterAReopen() throws IOException {
        VectorIndexSpec spec = VectorIndexSpec.defaults(2, VectorDistance.L2);
        Map<Long, byte[]> keys = Map.of(1L, new byte[]{'a'}, 2L, new byte[]{'b', 0, 1}, 3L, new byte[]{'c'});
        try (VectorIndex index = open(dir, spec)) {
            assertThat(index.rowKeys()).isEmpty();
            index.keySource(keys::get);
            index.put(1, new float[]{0, 0});
            index.put(2, new float[]{1, 1});
            index.put(3, new float[]{1, 1});   // shares 2's vector document
            index.put(2, new float[]{4, 4});   // its row document rewritten, key and all
            index.delete(1);
            index.commit(5);
        }
        try (VectorIndex index = open(dir, spec)) {
            Map<Long, byte[]> back = index.rowKeys();
            assertThat(back.keySet()).containsExactlyInAnyOrder(2L, 3L);
            assertThat(back.get(2L)).containsExactly('b', 0, 1);
            assertThat(back.get(3L)).containsExactly('c');
        }
    }

    /** A format-2 directory (no keys stored: integer-keyed tables only) opens as it is and commits as format 3. */
    @Test
    void aFormat2DirectoryOpensAsItIs() throws IOException {
        VectorIndexSpec spec = VectorIndexSpec.defaults(2, VectorDistance.L2);
        try (VectorIndex index = open(dir, spec)) {
            index.put(7, new float[]{1, 0});
            index.put(8, new float[]{0, 1});
            index.commit(3);
        }
        try (org.apache.lucene.store.Directory d = org.apache.lucene.store.FSDirectory.open(dir);
             org.apache.lucene.index.IndexWriter w = new org.apache.lucene.index.IndexWriter(d,
                     new org.apache.lucene.index.IndexWriterConfig().setCodec(new HnswCodec(spec)))) {
            w.setLiveCommitData(Map.of("kyro.lsn", "3", "kyro.format", "2").entrySet());   // as version 2 wrote it
            w.commit();
        }
        try (VectorIndex index = open(dir, spec)) {
            assertThat(index.committedLsn()).isEqualTo(3);
            assertThat(index.rowKeys()).isEmpty();
            assertThat(index.search(new float[]{1, 0.1f}, 1, 40, VectorIndex.ACCEPT_ALL, Integer.MAX_VALUE))
                    .extracting(Neighbor::rowId).containsExactly(7L);
            index.commit(4);
        }
        try (org.apache.lucene.index.DirectoryReader r = org.apache.lucene.index.DirectoryReader.open(
                org.apache.lucene.store.FSDirectory.open(dir))) {
            assertThat(r.getIndexCommit().getUserData()).containsEntry("kyro.format", LuceneVectorIndex.FORMAT_VERSION);
        }
    }

    /**
     * With a key source (row ids handed out as rows came), rows tied with the k-th on distance come
     * too: the engine orders ties by key, which such row ids do not follow. Without one, k rows.
     */
    @Test
    void rowsTiedWithTheKthComeTooWhenRowIdsAreNotKeys() throws IOException {
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(2, VectorDistance.L2))) {
            index.put(3, new float[]{1, 1});
            index.put(2, new float[]{1, 1});
            assertThat(index.search(new float[]{1, 1}, 1, 40, VectorIndex.ACCEPT_ALL, Integer.MAX_VALUE))
                    .extracting(Neighbor::rowId).containsExactly(2L);
        }
        try (VectorIndex index = open(dir.resolve("keyed"), VectorIndexSpec.defaults(2, VectorDistance.L2))) {
            index.keySource(id -> new byte[]{(byte) id});
            index.put(9, new float[]{1, 1});
            index.put(4, new float[]{1, 1});
            index.put(6, new float[]{1, 1});
            index.put(1, new float[]{5, 5});
            assertThat(index.search(new float[]{1, 1}, 2, 40, VectorIndex.ACCEPT_ALL, Integer.MAX_VALUE))
                    .extracting(Neighbor::rowId).containsExactly(4L, 6L, 9L);
            assertThat(index.search(new float[]{1, 1}, 4, 40, id -> id != 6, Integer.MAX_VALUE))
                    .extracting(Neighbor::rowId).containsExactly(4L, 9L, 1L);
        }
    }

    @Test
    void updatesDeletesAndDurabilityAcrossReopen() throws IOException {
        VectorIndexSpec spec = VectorIndexSpec.defaults(2, VectorDistance.L2);
        try (VectorIndex index = open(dir, spec)) {
            index.put(1, new float[]{0, 0});
            index.put(2, new float[]{1, 1});
            index.put(3, new float[]{5, 5});
            index.put(2, new float[]{6, 6});   // moved away
            index.delete(1);
            index.delete(99);                  // not there: nothing happens
            assertThat(index.search(new float[]{0, 0}, 3, 40, id -> true, Integer.MAX_VALUE))
                    .extracting(Neighbor::rowId).containsExactly(3L, 2L);
            index.commit(17);
            index.put(4, new float[]{0, 0});   // not committed: lost at close, the WAL replays it
        }
        try (VectorIndex index = open(dir, spec)) {
            assertThat(index.committedLsn()).isEqualTo(17);
            assertThat(index.rows()).isEqualTo(2);
            assertThat(index.search(new float[]{0, 0}, 3, 40, id -> true, Integer.MAX_VALUE))
                    .extracting(Neighbor::rowId).containsExactly(3L, 2L);
        }
    }

    @Test
    void cosineSkipsZeroVectorsAndDedupsAfterNormalization() throws IOException {
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(2, VectorDistance.COSINE))) {
            index.put(1, new float[]{0, 0});
            index.put(2, new float[]{1, 0});
            index.put(3, new float[]{2, 0});   // same direction as row 2
            index.put(4, new float[]{0, 1});
            assertThat(index.rows()).isEqualTo(3);
            List<Neighbor> got = index.search(new float[]{1, 0.1f}, 10, 40, id -> true, Integer.MAX_VALUE);
            assertThat(got).extracting(Neighbor::rowId).containsExactly(2L, 3L, 4L);
            assertThat(got.get(0).distance()).isEqualTo(got.get(1).distance());
            assertThat(index.search(new float[]{0, 0}, 10, 40, id -> true, Integer.MAX_VALUE)).isEmpty();
        }
    }

    @Test
    void indexesUpTo4096Dimensions() throws IOException {
        Random r = new Random(3);
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(4096, VectorDistance.L2))) {
            for (int i = 0; i < 300; i++) {
                float[] v = new float[4096];
                for (int j = 0; j < v.length; j++) {
                    v[j] = r.nextFloat();
                }
                index.put(i, v);
            }
            float[] q = new float[4096];
            assertThat(index.search(q, 5, 40, id -> true, Integer.MAX_VALUE)).hasSize(5);
        }
    }

    /**
     * An index of several segments (each commit flushes one) with deleted and moved rows: the
     * segments' walks share their best scores, and a search that admits every row
     * ({@link VectorIndex#ACCEPT_ALL}: only live documents, no per-node row check) answers as one
     * with a filter that happens to admit every row, never returns a deleted row, and keeps recall.
     */
    @Test
    void severalSegmentsWithDeletesAnswerAsAFilterAdmittingEveryRowWould() throws IOException {
        long seed = 11;
        Random r = new Random(seed);
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            float[] v = new float[8];
            for (int j = 0; j < v.length; j++) {
                v[j] = r.nextFloat();
            }
            vectors.add(v);
        }
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(8, VectorDistance.L2))) {
            for (int i = 0; i < vectors.size(); i++) {
                index.put(i, vectors.get(i));
                if (i % 600 == 599) {
                    index.commit(i);
                }
            }
            for (int i = 0; i < vectors.size(); i += 7) {
                index.delete(i);
                vectors.set(i, null);
            }
            for (int i = 3; i < vectors.size(); i += 70) {
                float[] moved = vectors.get(i).clone();
                moved[0] += 0.5f;
                index.put(i, moved);
                vectors.set(i, moved);
            }
            index.commit(vectors.size());
            try (var files = Files.list(dir)) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith(".si")).count())
                        .as("segments").isGreaterThan(1);
            }
            double recall = 0;
            for (int q = 0; q < 50; q++) {
                float[] query = new float[8];
                for (int j = 0; j < query.length; j++) {
                    query[j] = r.nextFloat();
                }
                List<Neighbor> all = index.search(query, 10, 100, VectorIndex.ACCEPT_ALL, Integer.MAX_VALUE);
                assertThat(all).as("seed %d, query %d", seed, q)
                        .isEqualTo(index.search(query, 10, 100, id -> true, Integer.MAX_VALUE));
                assertThat(all).hasSize(10).allSatisfy(n -> assertThat(vectors.get((int) n.rowId())).isNotNull());
                recall += recall(all, exact(vectors, query, 10, VectorDistance.L2, id -> true));
            }
            assertThat(recall / 50).as("seed %d", seed).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void aWalkThatReachesTheVisitLimitSaysSo() throws IOException {
        Random r = new Random(5);
        try (VectorIndex index = open(dir, VectorIndexSpec.defaults(8, VectorDistance.L2))) {
            for (int i = 0; i < 5000; i++) {
                float[] v = new float[8];
                for (int j = 0; j < v.length; j++) {
                    v[j] = r.nextFloat();
                }
                index.put(i, v);
            }
            index.commit(1);
            float[] q = new float[8];
            assertThat(index.search(q, 5, 40, id -> id % 997 == 0, 10)).as("a selective filter, 10 visits: use exact search").isNull();
            assertThat(index.search(q, 5, 40, id -> id % 997 == 0, Integer.MAX_VALUE)).hasSize(5);
        }
    }

    @Test
    void pgvectorsParameterChecks() {
        assertThatThrownBy(() -> new VectorIndexSpec(3, VectorDistance.L2, 16, 30)).isInstanceOf(KyroException.class)
                .hasMessage("ef_construction must be greater than or equal to 2 * m");
        assertThatThrownBy(() -> new VectorIndexSpec(3, VectorDistance.L2, 1, 64)).hasMessageContaining("out of bounds for option \"m\"");
        assertThatThrownBy(() -> new VectorIndexSpec(3, VectorDistance.L2, 16, 1001)).hasMessageContaining("\"ef_construction\"");
        assertThatThrownBy(() -> new VectorIndexSpec(4097, VectorDistance.L2, 16, 64))
                .hasMessage("column cannot have more than 4096 dimensions for hnsw index");
        assertThatThrownBy(() -> VectorIndexSpec.defaults(3, VectorDistance.L1)).hasMessageContaining("vector_l1_ops")
                .satisfies(e -> assertThat(((KyroException) e).state().code()).isEqualTo("42704"));
        Set<String> codes = new HashSet<>();
        for (VectorDistance d : VectorDistance.values()) {
            codes.add(d.opclass());
        }
        assertThat(codes).containsExactlyInAnyOrder("vector_l2_ops", "vector_ip_ops", "vector_cosine_ops", "vector_l1_ops");
    }
}
