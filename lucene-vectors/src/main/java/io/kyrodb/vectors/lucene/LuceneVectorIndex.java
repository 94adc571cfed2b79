package io.kyrodb.vectors.lucene;

import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndexSpec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopKnnCollector;
import org.apache.lucene.search.knn.MultiLeafKnnCollector;
import org.apache.lucene.util.hnsw.BlockingFloatHeap;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * A {@link VectorIndex} on a Lucene index of its own directory, one HNSW graph per segment
 * ({@link Lucene99HnswVectorsFormat} with the spec's m and ef_construction).
 *
 * <p><b>One document per distinct vector.</b> Rows that carry the same vector (for cosine: the same
 * vector after normalization) share a document, whose stored fields list the row ids; its key
 * term is the vector's float bits. Lucene's recall collapses on exact duplicates otherwise
 * (ARCHITECTURE.md "Vectors"). The key-to-rows map is kept in memory and rebuilt from the stored
 * fields at open.
 *
 * <p><b>Similarity.</b> L2 is Lucene's EUCLIDEAN; cosine is DOT_PRODUCT over vectors normalized here
 * (a zero vector has no direction and is not indexed); the negative inner product is
 * MAXIMUM_INNER_PRODUCT. Distances returned are computed by {@link VectorDistance} from the stored
 * (indexed) vector, so they are pgvector's, not Lucene's scores.
 *
 * <p><b>Filters.</b> A search hands Lucene an accept-docs view that admits a document only if one of
 * its rows passes the caller's predicate, so the graph walk itself skips what the filter (or the
 * reader's snapshot) excludes, and asks for {@code max(k, efSearch)} documents; each document then
 * yields its accepted rows, so k documents give at least k rows.
 */
final class LuceneVectorIndex implements VectorIndex {
    private static final String VECTOR = "v";
    private static final String KEY = "key";
    private static final String STORED_VECTOR = "vec";
    private static final String ROWS = "rows";
    private static final String LSN = "kyro.lsn";

    private final VectorIndexSpec spec;
    private final Directory directory;
    private final IndexWriter writer;
    private final VectorSimilarityFunction similarity;
    private final Map<VectorKey, long[]> rowsByKey = new HashMap<>();
    private final Map<Long, VectorKey> keyByRow = new HashMap<>();
    private long rows;
    private long committedLsn;
    private DirectoryReader reader;         // guarded by this; a search holds a reference of its own
    private volatile boolean changed;
    private final Map<IndexReader.CacheKey, SegmentMaps> segmentCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** Per segment: each document's row ids, and its vector's ordinal, by doc id. */
    private record SegmentMaps(long[][] rows, int[] ords) {
    }

    /** The vector's float bits: equal keys, equal vectors. */
    private record VectorKey(byte[] bits) {
        @Override
        public boolean equals(Object o) {
            return o instanceof VectorKey k && Arrays.equals(bits, k.bits);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bits);
        }
    }

    LuceneVectorIndex(Path path, VectorIndexSpec spec) throws IOException {
        this.spec = spec;
        this.similarity = switch (spec.distance()) {
            case L2 -> VectorSimilarityFunction.EUCLIDEAN;
            case COSINE -> VectorSimilarityFunction.DOT_PRODUCT;
            case NEGATIVE_INNER_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
            case L1 -> throw new IllegalArgumentException("no Lucene similarity for L1");
        };
        this.directory = FSDirectory.open(path);
        IndexWriterConfig config = new IndexWriterConfig();
        config.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        config.setCodec(new HnswCodec(spec));
        config.setCommitOnClose(false);
        IndexWriter w;
        try {
            w = new IndexWriter(directory, config);
        } catch (IOException | RuntimeException e) {
            directory.close();
            throw e;
        }
        this.writer = w;
        for (Map.Entry<String, String> e : writer.getLiveCommitData() == null ? List.<Map.Entry<String, String>>of()
                : writer.getLiveCommitData()) {
            if (e.getKey().equals(LSN)) {
                committedLsn = Long.parseLong(e.getValue());
            }
        }
        this.reader = DirectoryReader.open(writer);
        loadRows();
    }

    /**
     * Builds merged segments' graphs on two threads (both cores of a small machine; one daemon pool
     * for every index in the JVM).
     */
    private static final java.util.concurrent.ExecutorService MERGE_WORKERS =
            java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
                Thread t = new Thread(r, "kyro-hnsw-merge");
                t.setDaemon(true);
                return t;
            });

    /**
     * The default codec with the spec's HNSW parameters and quantization for new segments (the
     * formats' names are Lucene's, so any reader opens them). Quantized formats keep the full
     * vectors too, which the search rescores with.
     */
    private static final class HnswCodec extends Lucene104Codec {
        private final KnnVectorsFormat format;

        HnswCodec(VectorIndexSpec spec) {
            int m = spec.m();
            int ef = spec.efConstruction();
            KnnVectorsFormat inner = switch (spec.quantization()) {
                case NONE -> new Lucene99HnswVectorsFormat(m, ef, 2, MERGE_WORKERS);
                case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, m, ef, 2,
                        MERGE_WORKERS);
                case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, m, ef, 2,
                        MERGE_WORKERS);
                case BINARY -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, m,
                        ef, 2, MERGE_WORKERS);
            };
            this.format = new HighDimensionFormat(inner);
        }

        @Override
        public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
        }
    }

    /**
     * Lucene's HNSW format under its own name (so its files read back with the stock format),
     * admitting up to {@link VectorIndexSpec#MAX_DIMENSIONS} dimensions instead of 1,024.
     */
    private static final class HighDimensionFormat extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate;

        HighDimensionFormat(KnnVectorsFormat delegate) {
            super(delegate.getName());
            this.delegate = delegate;
        }

        @Override
        public KnnVectorsWriter fieldsWriter(SegmentWriteState state) throws IOException {
            return delegate.fieldsWriter(state);
        }

        @Override
        public KnnVectorsReader fieldsReader(SegmentReadState state) throws IOException {
            return delegate.fieldsReader(state);
        }

        @Override
        public int getMaxDimensions(String fieldName) {
            return VectorIndexSpec.MAX_DIMENSIONS;
        }
    }

    private void loadRows() throws IOException {
        for (LeafReaderContext ctx : reader.leaves()) {
            LeafReader leaf = ctx.reader();
            Bits live = leaf.getLiveDocs();
            StoredFields stored = leaf.storedFields();
            for (int doc = 0; doc < leaf.maxDoc(); doc++) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                Document d = stored.document(doc);
                VectorKey key = new VectorKey(bytesOf(d.getBinaryValue(KEY)));
                long[] ids = decodeRows(d.getBinaryValue(ROWS));
                rowsByKey.put(key, ids);
                for (long id : ids) {
                    keyByRow.put(id, key);
                }
                rows += ids.length;
            }
        }
    }

    @Override
    public VectorIndexSpec spec() {
        return spec;
    }

    @Override
    public void put(long rowId, float[] vector) throws IOException {
        if (vector.length != spec.dimensions()) {
            throw new IllegalArgumentException("expected " + spec.dimensions() + " dimensions, not " + vector.length);
        }
        float[] indexed = vector;
        if (spec.distance() == VectorDistance.COSINE) {
            double norm = VectorDistance.norm(vector);
            if (norm == 0) {
                delete(rowId);   // no direction: searched exactly by the engine, after the indexed rows
                return;
            }
            indexed = new float[vector.length];
            for (int i = 0; i < vector.length; i++) {
                indexed[i] = (float) (vector[i] / norm);
            }
        }
        VectorKey key = new VectorKey(floatBytes(indexed));
        VectorKey old = keyByRow.get(rowId);
        if (key.equals(old)) {
            return;
        }
        if (old != null) {
            removeRow(rowId, old);
        }
        long[] ids = rowsByKey.get(key);
        long[] more = ids == null ? new long[]{rowId} : append(ids, rowId);
        rowsByKey.put(key, more);
        keyByRow.put(rowId, key);
        rows++;
        writeDocument(key, indexed, more, ids == null);
    }

    /**
     * Writes a build's documents into the graph while the calling thread reads and groups the next
     * rows: one thread, so a key's documents are written in the order they were submitted.
     */
    private static final java.util.concurrent.ExecutorService BUILD_WRITER =
            java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "kyro-hnsw-build");
                t.setDaemon(true);
                return t;
            });
    private static final int BUILD_BATCH = 1024;
    /** Batches submitted and not yet written, at most: bounds the vectors held in memory. */
    private static final int BUILD_BATCHES_AHEAD = 4;

    /**
     * A build on two threads: the calling thread reads the rows and groups them into documents
     * (one per distinct vector), a batch at a time; {@link #BUILD_WRITER} inserts them into the
     * graph meanwhile, in submission order, so a vector's document is added before a later batch
     * replaces it with more rows. (One graph insert at a time: two writer threads would build two
     * graphs that a merge must then combine, which measured slower.) Lucene's merges of the
     * segments a large build flushes build their graphs on two threads ({@link #MERGE_WORKERS}).
     */
    @Override
    public void putAll(java.util.Iterator<Map.Entry<Long, float[]>> input) throws IOException {
        record Pending(float[] indexed, boolean isNew) {
        }
        java.util.ArrayDeque<java.util.concurrent.Future<?>> ahead = new java.util.ArrayDeque<>();
        try {
            while (input.hasNext()) {
                Map<VectorKey, Pending> batch = new java.util.LinkedHashMap<>();
                for (int n = 0; n < BUILD_BATCH && input.hasNext(); n++) {
                    Map.Entry<Long, float[]> e = input.next();
                    long rowId = e.getKey();
                    float[] vector = e.getValue();
                    float[] indexed = indexedForm(vector);
                    if (indexed == null || keyByRow.containsKey(rowId)) {
                        while (!ahead.isEmpty()) {
                            await(ahead.removeFirst());
                        }
                        put(rowId, vector);   // not new here (or not indexable): the ordinary way, in order
                        continue;
                    }
                    VectorKey key = new VectorKey(floatBytes(indexed));
                    long[] ids = rowsByKey.get(key);
                    rowsByKey.put(key, ids == null ? new long[]{rowId} : append(ids, rowId));
                    keyByRow.put(rowId, key);
                    rows++;
                    Pending before = batch.get(key);
                    batch.put(key, new Pending(indexed, before != null ? before.isNew() : ids == null));
                }
                List<Runnable> writes = new ArrayList<>(batch.size());
                for (Map.Entry<VectorKey, Pending> e : batch.entrySet()) {
                    VectorKey key = e.getKey();
                    Pending p = e.getValue();
                    long[] ids = rowsByKey.get(key);
                    writes.add(() -> {
                        try {
                            writeDocument(key, p.indexed(), ids, p.isNew());
                        } catch (IOException ex) {
                            throw new java.io.UncheckedIOException(ex);
                        }
                    });
                }
                ahead.addLast(BUILD_WRITER.submit(() -> writes.forEach(Runnable::run)));
                while (ahead.size() > BUILD_BATCHES_AHEAD) {
                    await(ahead.removeFirst());
                }
            }
            while (!ahead.isEmpty()) {
                await(ahead.removeFirst());
            }
        } finally {
            for (java.util.concurrent.Future<?> f : ahead) {
                f.cancel(false);
            }
        }
    }

    private static void await(java.util.concurrent.Future<?> f) throws IOException {
        try {
            f.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while building", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            if (ex.getCause() instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(ex.getCause());
        }
    }

    /** The vector as the graph holds it (normalized for cosine), or null when it cannot be indexed. */
    private float[] indexedForm(float[] vector) {
        if (vector.length != spec.dimensions()) {
            throw new IllegalArgumentException("expected " + spec.dimensions() + " dimensions, not " + vector.length);
        }
        if (spec.distance() != VectorDistance.COSINE) {
            return vector;
        }
        double norm = VectorDistance.norm(vector);
        if (norm == 0) {
            return null;
        }
        float[] indexed = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            indexed[i] = (float) (vector[i] / norm);
        }
        return indexed;
    }

    @Override
    public void delete(long rowId) throws IOException {
        VectorKey old = keyByRow.get(rowId);
        if (old != null) {
            removeRow(rowId, old);
        }
    }

    private void removeRow(long rowId, VectorKey key) throws IOException {
        long[] ids = rowsByKey.get(key);
        long[] fewer = Arrays.stream(ids).filter(id -> id != rowId).toArray();
        keyByRow.remove(rowId);
        rows--;
        if (fewer.length == 0) {
            rowsByKey.remove(key);
            writer.deleteDocuments(new Term(KEY, new BytesRef(key.bits())));
            changed = true;
        } else {
            rowsByKey.put(key, fewer);
            writeDocument(key, floatsOf(key.bits()), fewer, false);
        }
    }

    /** Writes the vector's document; a vector not indexed before is added without a delete-by-term. */
    private void writeDocument(VectorKey key, float[] indexed, long[] ids, boolean isNew) throws IOException {
        Document d = new Document();
        d.add(new KnnFloatVectorField(VECTOR, indexed, similarity));
        d.add(new StringField(KEY, new BytesRef(key.bits()), Field.Store.YES));
        d.add(new StoredField(ROWS, encodeRows(ids)));
        if (isNew) {
            writer.addDocument(d);
        } else {
            writer.updateDocument(new Term(KEY, new BytesRef(key.bits())), d);
        }
        changed = true;
    }

    @Override
    public void commit(long lsn) throws IOException {
        writer.setLiveCommitData(Map.of(LSN, Long.toString(lsn)).entrySet());
        writer.commit();
        committedLsn = lsn;
    }

    @Override
    public long committedLsn() {
        return committedLsn;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public List<Neighbor> search(float[] query, int k, int efSearch, LongPredicate accept, int visitLimit) throws IOException {
        if (query.length != spec.dimensions()) {
            throw new IllegalArgumentException("expected " + spec.dimensions() + " dimensions, not " + query.length);
        }
        if (k <= 0 || rows == 0) {
            return List.of();
        }
        float[] target = query;
        if (spec.distance() == VectorDistance.COSINE) {
            double norm = VectorDistance.norm(query);
            if (norm == 0) {
                return List.of();   // every cosine distance to a zero query is NaN: nothing is nearer
            }
            target = new float[query.length];
            for (int i = 0; i < query.length; i++) {
                target[i] = (float) (query[i] / norm);
            }
        }
        DirectoryReader reader = acquireReader();
        try {
            return search(reader, target, k, efSearch, accept, visitLimit);
        } finally {
            reader.decRef();
        }
    }

    private List<Neighbor> search(DirectoryReader reader, float[] target, int k, int efSearch, LongPredicate accept,
                                  int visitLimit) throws IOException {
        boolean rescore = spec.quantization() != io.kyrodb.engine.vector.VectorQuantization.NONE;
        int beam = Math.max(k, efSearch);
        record Hit(float score, FloatVectorValues vectors, int ord, long[] rows) {
        }
        List<Hit> hits = new ArrayList<>();
        List<LeafReaderContext> leaves = reader.leaves();
        // Several segments (a large build flushes several): as Lucene's own KNN query does, the
        // segments share the best scores found so far, so a later segment's walk stops where its
        // candidates could no longer make the beam.
        BlockingFloatHeap shared = leaves.size() > 1 ? new BlockingFloatHeap(beam) : null;
        for (LeafReaderContext ctx : leaves) {
            LeafReader leaf = ctx.reader();
            SegmentMaps maps = segmentMaps(leaf);
            long[][] docRows = maps.rows();
            Bits live = leaf.getLiveDocs();
            // Every row admitted: only deleted documents are left out, as raw Lucene does.
            AcceptDocs filter = accept == ACCEPT_ALL ? AcceptDocs.fromLiveDocs(live, leaf.maxDoc())
                    : new RowFilterDocs(leaf.maxDoc(), live, doc -> {
                        for (long id : docRows[doc]) {
                            if (accept.test(id)) {
                                return true;
                            }
                        }
                        return false;
                    });
            FloatVectorValues vectors = leaf.getFloatVectorValues(VECTOR);
            if (vectors == null || vectors.size() == 0) {
                continue;
            }
            TopKnnCollector own = new TopKnnCollector(Math.min(beam, vectors.size()), visitLimit);
            leaf.searchNearestVectors(VECTOR, target, shared == null ? own
                    : new MultiLeafKnnCollector(Math.min(beam, vectors.size()), shared, own), filter);
            if (own.earlyTerminated()) {
                return null;   // stopped at the visit limit: not a complete answer
            }
            TopDocs top = own.topDocs();
            for (ScoreDoc sd : top.scoreDocs) {
                hits.add(new Hit(sd.score, vectors, maps.ords()[sd.doc], docRows[sd.doc]));
            }
        }
        // Lucene's scores order documents as the distance does; read the vectors (for the exact
        // distance) only of the documents that make the first k rows, and of their ties.
        // Quantized scores only approximate the distance: rescore every candidate with the full vector.
        hits.sort(Comparator.comparingDouble((Hit h) -> -h.score()));
        List<Neighbor> out = new ArrayList<>();
        float lastScore = Float.NaN;
        for (Hit h : hits) {
            if (!rescore && out.size() >= k && h.score() < lastScore) {
                break;
            }
            float[] vector = h.vectors().vectorValue(h.ord());
            double distance = spec.distance().distance(target, vector);
            for (long id : h.rows()) {
                if (accept.test(id)) {
                    out.add(new Neighbor(id, distance));
                }
            }
            lastScore = h.score();
        }
        out.sort(Comparator.comparingDouble(Neighbor::distance).thenComparingLong(Neighbor::rowId));
        return out.size() > k ? List.copyOf(out.subList(0, k)) : out;
    }

    /** The newest reader, with a reference the caller releases ({@code decRef}). */
    private synchronized DirectoryReader acquireReader() throws IOException {
        refresh();
        reader.incRef();
        return reader;
    }

    private void refresh() throws IOException {
        if (changed) {
            DirectoryReader newer = DirectoryReader.openIfChanged(reader, writer);
            if (newer != null) {
                reader.close();
                reader = newer;
                Set<IndexReader.CacheKey> current = new HashSet<>();
                for (LeafReaderContext ctx : reader.leaves()) {
                    current.add(ctx.reader().getCoreCacheHelper().getKey());
                }
                segmentCache.keySet().retainAll(current);
            }
            changed = false;
        }
    }

    /**
     * Each document's row ids and vector ordinal in a segment, by doc id, read once per segment
     * (doc ids of a segment never change; a deleted document is excluded by live docs). The graph
     * walk consults the rows for every node it visits, so it must not decode stored fields.
     */
    private SegmentMaps segmentMaps(LeafReader leaf) throws IOException {
        IndexReader.CacheKey key = leaf.getCoreCacheHelper().getKey();
        SegmentMaps cached = segmentCache.get(key);
        if (cached == null) {   // two searches may both read a new segment's maps; either result is right
            StoredFields stored = leaf.storedFields();
            long[][] rowsOfDoc = new long[leaf.maxDoc()][];
            for (int doc = 0; doc < rowsOfDoc.length; doc++) {
                rowsOfDoc[doc] = decodeRows(stored.document(doc, Set.of(ROWS)).getBinaryValue(ROWS));
            }
            int[] ords = new int[leaf.maxDoc()];
            FloatVectorValues values = leaf.getFloatVectorValues(VECTOR);
            if (values != null) {
                KnnVectorValues.DocIndexIterator it = values.iterator();
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    ords[doc] = it.index();
                }
            }
            cached = new SegmentMaps(rowsOfDoc, ords);
            segmentCache.put(key, cached);
        }
        return cached;
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            reader.close();
            writer.rollback();   // what was not committed is replayed from the WAL at the next open
        } finally {
            directory.close();
        }
    }

    // ---- encodings ----------------------------------------------------------------------------

    private static byte[] floatBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f == 0 ? 0f : f);   // -0 and 0 are the same vector
        }
        return b.array();
    }

    private static byte[] bytesOf(BytesRef ref) {
        return Arrays.copyOfRange(ref.bytes, ref.offset, ref.offset + ref.length);
    }

    private static float[] floatsOf(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }

    private static byte[] encodeRows(long[] ids) {
        ByteBuffer b = ByteBuffer.allocate(8 * ids.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long id : ids) {
            b.putLong(id);
        }
        return b.array();
    }

    private static long[] decodeRows(BytesRef ref) {
        ByteBuffer b = ByteBuffer.wrap(ref.bytes, ref.offset, ref.length).order(ByteOrder.LITTLE_ENDIAN);
        long[] ids = new long[ref.length / 8];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = b.getLong();
        }
        return ids;
    }

    private static long[] append(long[] ids, long id) {
        long[] more = Arrays.copyOf(ids, ids.length + 1);
        more[ids.length] = id;
        return more;
    }
}
