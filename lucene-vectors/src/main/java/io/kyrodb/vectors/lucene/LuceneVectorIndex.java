package io.kyrodb.vectors.lucene;

import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndexSpec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.KnnVectorValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MergePolicy;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.AcceptDocs;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.ScoreDoc;
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
 * <p><b>One graph node per distinct vector, ever.</b> Rows that carry the same vector (for cosine:
 * the same vector after normalization) share one <i>vector document</i> (the vector, and a vector
 * id {@code vid}); each row has a <i>row document</i> without a vector ({@code row} and the
 * {@code vid} it maps to), so it is not in the graph. Adding a row whose vector is already indexed,
 * moving a row, or removing one of several rows touches only row documents: the graph never gets a
 * second node for a vector. (Keeping the rows in the vector document, as format 1 did, rewrote it
 * on every such change; the deleted copies stayed in the segment's graph until a merge, and a query
 * near a vector with many copies walked into a clique of deleted twins and came back short or
 * empty, issue 6.) Lucene's recall collapses on exact duplicates (ARCHITECTURE.md "Vectors").
 * The maps from vectors to rows are kept in memory and rebuilt from the doc values at open.
 *
 * <p><b>Format</b> (a derived index: one the reader does not know is rebuilt from the rows):
 * commit user data {@code kyro.format=3} and {@code kyro.lsn}; vector documents: {@code v}
 * (KnnFloatVectorField, the indexed form), {@code vid} (indexed term, 8 bytes big-endian, and
 * numeric doc values); row documents: {@code row} (indexed term, 8 bytes big-endian, and numeric
 * doc values), {@code rvid} (numeric doc values) and, when the table's rows are not keyed by their
 * row id, {@code rkey} (binary doc values: the row's encoded primary key, from the engine's
 * {@link #keySource}). No stored fields. Format 2 is format 3 without {@code rkey} (it could only
 * index integer-keyed tables): it is read as it is, and its next commit says 3.
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
 *
 * <p><b>Threads.</b> One writer at a time (the engine's {@code HnswIndex} holds its write lock);
 * searches may run concurrently with each other. The row lists searches read are copied on write.
 */
final class LuceneVectorIndex implements VectorIndex {
    private static final String VECTOR = "v";
    private static final String VID = "vid";
    private static final String ROW = "row";
    private static final String ROW_VID = "rvid";
    private static final String ROW_KEY = "rkey";
    private static final String LSN = "kyro.lsn";
    private static final String FORMAT = "kyro.format";
    /** The document layout above; an index without it (or with another) is refused, and the engine rebuilds it. */
    static final String FORMAT_VERSION = "3";
    /** The older layout this one reads as it is. */
    static final String FORMAT_VERSION_2 = "2";

    private final VectorIndexSpec spec;
    private final Directory directory;
    private final IndexWriter writer;
    private final VectorSimilarityFunction similarity;
    /** Each indexed vector: its vector id; guarded by the single writer. */
    private final Map<VectorKey, Long> vidByKey = new HashMap<>();
    /** Each row's vector; guarded by the single writer. */
    private final Map<Long, VectorKey> keyByRow = new HashMap<>();
    /** Each vector id's rows (arrays never change once published): read by searches. */
    private final VidRows rowsByVid = new VidRows();
    private java.util.function.LongFunction<byte[]> keySource;   // guarded by the single writer
    private ParallelInserter inserter;   // during putAll on several threads; guarded by the single writer
    private long nextVid;
    private long rows;
    private long committedLsn;
    private DirectoryReader reader;         // guarded by this; a search holds a reference of its own
    private volatile boolean changed;
    private final Map<IndexReader.CacheKey, SegmentMaps> segmentCache = new java.util.concurrent.ConcurrentHashMap<>();

    /** Per segment, by doc id: the vector id of each vector document (-1 for row documents), and its vector's ordinal. */
    private record SegmentMaps(long[] vids, int[] ords) {
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
        this(path, spec, RAM_BUFFER_MB, new TieredMergePolicy());
    }

    /**
     * {@code ramBufferMB}: the writer's RAM buffer; {@code merges}: its merge policy. Tests take a
     * small buffer and {@code NoMergePolicy} to build several segments and keep them: a background
     * merge would otherwise join them, or not, by timing.
     */
    LuceneVectorIndex(Path path, VectorIndexSpec spec, double ramBufferMB, MergePolicy merges) throws IOException {
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
        config.setRAMBufferSizeMB(ramBufferMB);
        config.setMergePolicy(merges);
        IndexWriter w = null;
        try {
            w = new IndexWriter(directory, config);
            Map<String, String> data = new HashMap<>();
            if (w.getLiveCommitData() != null) {
                w.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
            }
            if (DirectoryReader.indexExists(directory) && !FORMAT_VERSION.equals(data.get(FORMAT))
                    && !FORMAT_VERSION_2.equals(data.get(FORMAT))) {
                throw new IOException("vector index format " + data.getOrDefault(FORMAT, "1") + " in " + path
                        + ", this version reads format " + FORMAT_VERSION);
            }
            if (data.containsKey(LSN)) {
                committedLsn = Long.parseLong(data.get(LSN));
            }
            this.writer = w;
            this.reader = DirectoryReader.open(writer);
            loadRows();
        } catch (IOException | RuntimeException e) {
            if (w != null) {
                w.rollback();
            }
            directory.close();
            throw e;
        }
    }

    /**
     * The writer's RAM buffer: a build flushes a segment (a graph of its own, which searches then
     * visit too, and merges combine) each time it fills. {@code kyro.hnsw.ramBufferMB} (benchmarks).
     */
    private static final double RAM_BUFFER_MB = Double.parseDouble(System.getProperty("kyro.hnsw.ramBufferMB", "64"));

    /** Rebuilds the maps from the live documents; a vector document no row maps to any more is deleted. */
    private void loadRows() throws IOException {
        Map<Long, List<Long>> rowsOf = new HashMap<>();
        Map<Long, VectorKey> keyOfVid = new HashMap<>();
        for (LeafReaderContext ctx : reader.leaves()) {
            LeafReader leaf = ctx.reader();
            Bits live = leaf.getLiveDocs();
            SegmentMaps maps = segmentMaps(leaf);
            FloatVectorValues values = leaf.getFloatVectorValues(VECTOR);
            for (int doc = 0; doc < maps.vids().length; doc++) {
                if (maps.vids()[doc] >= 0 && (live == null || live.get(doc))) {
                    long vid = maps.vids()[doc];
                    keyOfVid.put(vid, new VectorKey(floatBytes(values.vectorValue(maps.ords()[doc]))));
                    nextVid = Math.max(nextVid, vid + 1);
                }
            }
            NumericDocValues rowIds = leaf.getNumericDocValues(ROW);
            NumericDocValues rowVids = leaf.getNumericDocValues(ROW_VID);
            if (rowIds == null || rowVids == null) {
                continue;
            }
            for (int doc = rowIds.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = rowIds.nextDoc()) {
                if ((live == null || live.get(doc)) && rowVids.advanceExact(doc)) {
                    rowsOf.computeIfAbsent(rowVids.longValue(), v -> new ArrayList<>()).add(rowIds.longValue());
                }
            }
        }
        for (Map.Entry<Long, VectorKey> e : keyOfVid.entrySet()) {
            List<Long> ids = rowsOf.get(e.getKey());
            if (ids == null) {
                writer.deleteDocuments(vidTerm(e.getKey()));
                changed = true;
                continue;
            }
            vidByKey.put(e.getValue(), e.getKey());
            rowsByVid.put(e.getKey(), ids.stream().mapToLong(Long::longValue).sorted().toArray());
            for (long id : ids) {
                keyByRow.put(id, e.getValue());
            }
            rows += ids.size();
        }
    }

    @Override
    public VectorIndexSpec spec() {
        return spec;
    }

    @Override
    public void put(long rowId, float[] vector) throws IOException {
        float[] indexed = indexedForm(vector);
        if (indexed == null) {
            delete(rowId);   // no direction: searched exactly by the engine, after the indexed rows
            return;
        }
        VectorKey key = new VectorKey(floatBytes(indexed));
        VectorKey old = keyByRow.get(rowId);
        if (key.equals(old)) {
            return;
        }
        if (old != null) {
            if (inserter != null) {
                inserter.drain();   // a delete must come after the add it deletes
            }
            detach(rowId, old);
        }
        attach(rowId, key, indexed, old != null);
    }

    /**
     * Maps {@code rowId} (not mapped now) to {@code key}'s vector, adding the vector's document if it
     * is new; {@code hadRowDocument}: the row's document exists (to be replaced, not added).
     */
    private void attach(long rowId, VectorKey key, float[] indexed, boolean hadRowDocument) throws IOException {
        Long vid = vidByKey.get(key);
        if (vid == null) {
            vid = nextVid++;
            vidByKey.put(key, vid);
            rowsByVid.put(vid, new long[]{rowId});
            Document d = new Document();
            d.add(new KnnFloatVectorField(VECTOR, indexed, similarity));
            d.add(new StringField(VID, idBytes(vid), Field.Store.NO));
            d.add(new NumericDocValuesField(VID, vid));
            if (inserter != null) {
                inserter.add(d);
            } else {
                writer.addDocument(d);
            }
        } else {
            rowsByVid.put(vid, insertSorted(rowsByVid.get(vid), rowId));
        }
        keyByRow.put(rowId, key);
        rows++;
        Document r = new Document();
        r.add(new StringField(ROW, idBytes(rowId), Field.Store.NO));
        r.add(new NumericDocValuesField(ROW, rowId));
        r.add(new NumericDocValuesField(ROW_VID, vid));
        if (keySource != null) {
            r.add(new BinaryDocValuesField(ROW_KEY, new BytesRef(keySource.apply(rowId))));
        }
        if (hadRowDocument) {
            writer.updateDocument(new Term(ROW, idBytes(rowId)), r);
        } else {
            writer.addDocument(r);
        }
        changed = true;
    }

    /** Unmaps {@code rowId} from {@code key}'s vector (its row document stays, for the caller); the vector goes with its last row. */
    private void detach(long rowId, VectorKey key) throws IOException {
        long vid = vidByKey.get(key);
        long[] ids = rowsByVid.get(vid);
        keyByRow.remove(rowId);
        rows--;
        if (ids.length == 1) {
            vidByKey.remove(key);
            rowsByVid.remove(vid);
            writer.deleteDocuments(vidTerm(vid));
        } else {
            rowsByVid.put(vid, Arrays.stream(ids).filter(id -> id != rowId).toArray());
        }
        changed = true;
    }

    /**
     * A build: each row as {@link #put} takes it. Each distinct vector is one graph insert, whichever
     * rows carry it; the rest is map bookkeeping and small row documents, done on the calling thread
     * while it reads {@code input}.
     *
     * <p><b>Two cores for large builds.</b> Once the build has filled the RAM buffer once (a segment
     * was flushed: the index will hold several graphs anyway, which searches walk together), the
     * graph inserts move to {@link #buildThreads} threads, each filling a segment of its own, so the
     * graphs grow side by side. A smaller build stays on one thread and leaves one graph: two
     * segments of half the nodes build in less time and CPU, but each query then walks two graphs
     * (measured, issue 6, {@code bin/bench hnsw-build}, bigann10k under load 24: builds 2.9-4.7 s
     * against 7.7-8.4 s, recall@10 0.998 both, but 2,041-4,167 queries per CPU second against
     * 6,250-7,143), a price every query would pay for a build that happens once. Tried and not kept
     * as well: merging the segments into one graph at the end ({@code forceMerge(1)}, Lucene's
     * concurrent HNSW merge on two threads), 4.1-9.7 s against 3.6-6.8 s on one thread.
     */
    @Override
    public void putAll(java.util.Iterator<Map.Entry<Long, float[]>> input) throws IOException {
        int threads = buildThreads();
        long read = 0;
        try {
            while (input.hasNext()) {
                Map.Entry<Long, float[]> e = input.next();
                put(e.getKey(), e.getValue());
                if (inserter == null && threads > 1 && (++read & 255) == 0 && flushedDuringBuild()) {
                    inserter = new ParallelInserter(writer, threads);
                }
            }
            if (inserter != null) {
                ParallelInserter done = inserter;
                inserter = null;
                done.close();
            }
        } catch (IOException | RuntimeException | Error e) {
            if (inserter != null) {
                inserter.abort();
                inserter = null;
            }
            throw e;
        }
        changed = true;
    }

    /** Whether the writer holds flushed segments (a build: it filled its RAM buffer at least once). */
    private boolean flushedDuringBuild() {
        return writer.getDocStats().maxDoc > writer.numRamDocs();
    }

    /** Threads a build inserts graph nodes on: {@code kyro.hnsw.build.threads}, by default 2. */
    static int buildThreads() {
        return Integer.getInteger("kyro.hnsw.build.threads", 2);
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
    public void keySource(java.util.function.LongFunction<byte[]> keys) {
        this.keySource = keys;
    }

    @Override
    public Map<Long, byte[]> rowKeys() throws IOException {
        Map<Long, byte[]> out = new HashMap<>();
        DirectoryReader r = acquireReader();
        try {
            for (LeafReaderContext ctx : r.leaves()) {
                LeafReader leaf = ctx.reader();
                Bits live = leaf.getLiveDocs();
                NumericDocValues rowIds = leaf.getNumericDocValues(ROW);
                BinaryDocValues keys = leaf.getBinaryDocValues(ROW_KEY);
                if (rowIds == null || keys == null) {
                    continue;
                }
                for (int doc = rowIds.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = rowIds.nextDoc()) {
                    if ((live == null || live.get(doc)) && keys.advanceExact(doc)) {
                        out.put(rowIds.longValue(), BytesRef.deepCopyOf(keys.binaryValue()).bytes);
                    }
                }
            }
        } finally {
            r.decRef();
        }
        return out;
    }

    @Override
    public void delete(long rowId) throws IOException {
        VectorKey old = keyByRow.get(rowId);
        if (old != null) {
            if (inserter != null) {
                inserter.drain();   // a delete must come after the add it deletes
            }
            detach(rowId, old);
            writer.deleteDocuments(new Term(ROW, idBytes(rowId)));
        }
    }

    @Override
    public void commit(long lsn) throws IOException {
        writer.setLiveCommitData(Map.of(LSN, Long.toString(lsn), FORMAT, FORMAT_VERSION).entrySet());
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
            if (accept == ACCEPT_ALL) {
                List<Neighbor> all = search(reader, target, k, efSearch, accept, visitLimit, true);
                if (all == null || all.size() >= Math.min(k, rows)) {
                    return all;
                }
                // Short: a live vector document without rows took a place; walk again checking rows.
            }
            return search(reader, target, k, efSearch, accept, visitLimit, false);
        } finally {
            reader.decRef();
        }
    }

    private static final long[] NO_ROWS = new long[0];

    private long[] rowsOf(long[] vids, int doc) {
        long vid = vids[doc];
        long[] ids = vid < 0 ? null : rowsByVid.get(vid);
        return ids == null ? NO_ROWS : ids;
    }

    /** {@code liveOnly}: admit every live document (the caller accepts every row) instead of checking its rows. */
    private List<Neighbor> search(DirectoryReader reader, float[] target, int k, int efSearch, LongPredicate accept,
                                  int visitLimit, boolean liveOnly) throws IOException {
        boolean rescore = spec.quantization() != io.kyrodb.engine.vector.VectorQuantization.NONE;
        int beam = Math.max(k, efSearch);
        // A segment's answer: its top documents by score; resolved to rows only for those that make
        // the first k rows (and their ties), not for the whole beam.
        record Found(FloatVectorValues vectors, SegmentMaps maps, ScoreDoc[] docs) {
        }
        List<LeafReaderContext> leaves = reader.leaves();
        List<Found> found = new ArrayList<>(leaves.size());
        // Several segments (a large build flushes several): as Lucene's own KNN query does, the
        // segments share the best scores found so far, so a later segment's walk stops where its
        // candidates could no longer make the beam.
        BlockingFloatHeap shared = leaves.size() > 1 ? new BlockingFloatHeap(beam) : null;
        for (LeafReaderContext ctx : leaves) {
            LeafReader leaf = ctx.reader();
            FloatVectorValues vectors = leaf.getFloatVectorValues(VECTOR);
            if (vectors == null || vectors.size() == 0) {
                continue;   // only row documents
            }
            SegmentMaps maps = segmentMaps(leaf);
            long[] vids = maps.vids();
            Bits live = leaf.getLiveDocs();
            // Every row admitted: the walk checks only that a document is live, as raw Lucene does
            // (a live vector document has rows; if one had none, the caller searches again checking).
            AcceptDocs filter = liveOnly ? AcceptDocs.fromLiveDocs(live, leaf.maxDoc())
                    : new RowFilterDocs(leaf.maxDoc(), live, doc -> {
                        for (long id : rowsOf(vids, doc)) {
                            if (accept.test(id)) {
                                return true;
                            }
                        }
                        return false;
                    });
            TopKnnCollector own = new TopKnnCollector(Math.min(beam, vectors.size()), visitLimit);
            leaf.searchNearestVectors(VECTOR, target, shared == null ? own
                    : new MultiLeafKnnCollector(Math.min(beam, vectors.size()), shared, own), filter);
            if (own.earlyTerminated()) {
                return null;   // stopped at the visit limit: not a complete answer
            }
            found.add(new Found(vectors, maps, own.topDocs().scoreDocs));
        }
        // Lucene's scores order documents as the distance does; read the vectors (for the exact
        // distance) only of the documents that make the first k rows, and of their ties.
        // Quantized scores only approximate the distance: rescore every candidate with the full vector.
        Resolved resolved = new Resolved();
        if (found.size() == 1) {
            // One segment (the usual case): its top docs, best first (as TopKnnCollector gives them).
            Found f = found.get(0);
            ScoreDoc[] docs = bestFirst(f.docs());
            float kth = Float.NaN;
            for (ScoreDoc sd : docs) {
                if (!rescore && resolved.rows >= k && pastTies(sd.score, kth)) {
                    break;
                }
                resolved.add(f.vectors(), f.maps(), sd.doc, accept);
                if (resolved.rows >= k && Float.isNaN(kth)) {
                    kth = sd.score;
                }
            }
        } else if (!found.isEmpty()) {
            record Hit(float score, Found in, int doc) {
            }
            List<Hit> hits = new ArrayList<>();
            for (Found f : found) {
                for (ScoreDoc sd : f.docs()) {
                    hits.add(new Hit(sd.score, f, sd.doc));
                }
            }
            hits.sort(Comparator.comparingDouble((Hit h) -> -h.score()));
            float kth = Float.NaN;
            for (Hit h : hits) {
                if (!rescore && resolved.rows >= k && pastTies(h.score(), kth)) {
                    break;
                }
                resolved.add(h.in().vectors(), h.in().maps(), h.doc(), accept);
                if (resolved.rows >= k && Float.isNaN(kth)) {
                    kth = h.score();
                }
            }
        }
        List<Neighbor> out = resolved.neighbors(target);
        out.sort(Comparator.comparingDouble(Neighbor::distance).thenComparingLong(Neighbor::rowId));
        if (out.size() <= k) {
            return out;
        }
        int end = k;
        if (spec.distance() == VectorDistance.COSINE) {
            // Cosine distances here are between normalized vectors; the caller's, between the rows'
            // own vectors, may differ in the last bits and order two near-ties the other way (then by
            // primary key): rows that close to the k-th go along, and the caller cuts at k.
            double kth = out.get(k - 1).distance();
            double slack = Math.abs(kth) * 1e-5 + 1e-6;
            while (end < out.size() && out.get(end).distance() <= kth + slack) {
                end++;
            }
        }
        while (keySource != null && end < out.size() && out.get(end).distance() == out.get(end - 1).distance()) {
            end++;   // the k-th row's ties too: the caller orders them by key, which these row ids do not follow
        }
        return List.copyOf(out.subList(0, end));
    }

    /**
     * Whether a document scored {@code score} (after the one that completed k rows, scored {@code kth})
     * can no longer tie with the k-th row. Lucene's float scores only approximate pgvector's distance
     * (computed here in another order, and for cosine from normalized vectors), so two vectors at the
     * same distance may score a few ulps apart: documents within a relative 1e-4 of the k-th score
     * are resolved too, and the final sort by (distance, row id) keeps the first k, as the exact
     * search orders them (ties by primary key).
     */
    private static boolean pastTies(float score, float kth) {
        return score < kth - Math.abs(kth) * 1e-4f;
    }

    /** {@code docs} by descending score: as they are when so (one pass), else sorted. */
    private static ScoreDoc[] bestFirst(ScoreDoc[] docs) {
        for (int i = 1; i < docs.length; i++) {
            if (docs[i].score > docs[i - 1].score) {
                ScoreDoc[] sorted = docs.clone();
                Arrays.sort(sorted, (a, b) -> Float.compare(b.score, a.score));
                return sorted;
            }
        }
        return docs;
    }

    /**
     * The vector documents a search resolves to rows, in score order: each one's accepted rows and
     * its vector (copied: a segment's vector values reuse one buffer); the exact distances are then
     * computed for all of them together ({@link VectorDistance#distances}, several at a time).
     */
    private final class Resolved {
        private float[][] vectors = new float[16][];
        private long[][] ids = new long[16][];
        private int docs;
        private int rows;

        void add(FloatVectorValues values, SegmentMaps maps, int doc, LongPredicate accept) throws IOException {
            long[] all = rowsOf(maps.vids(), doc);
            long[] accepted = all;
            int n = all.length;
            if (accept != ACCEPT_ALL) {
                long[] kept = new long[all.length];
                n = 0;
                for (long id : all) {
                    if (accept.test(id)) {
                        kept[n++] = id;
                    }
                }
                accepted = n == all.length ? all : Arrays.copyOf(kept, n);
            }
            if (n == 0) {
                return;
            }
            if (docs == vectors.length) {
                vectors = Arrays.copyOf(vectors, 2 * docs);
                ids = Arrays.copyOf(ids, 2 * docs);
            }
            vectors[docs] = values.vectorValue(maps.ords()[doc]).clone();
            ids[docs] = accepted;
            docs++;
            rows += n;
        }

        List<Neighbor> neighbors(float[] target) {
            double[] distances = new double[docs];
            spec.distance().distances(target, vectors, docs, distances);
            List<Neighbor> out = new ArrayList<>(rows);
            for (int i = 0; i < docs; i++) {
                for (long id : ids[i]) {
                    out.add(new Neighbor(id, distances[i]));
                }
            }
            return out;
        }
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
     * Each document's vector id and vector ordinal in a segment, by doc id, read once per segment
     * (doc ids of a segment never change; a deleted document is excluded by live docs). The graph
     * walk consults the rows for every node it visits, so it must not read doc values per node.
     */
    private SegmentMaps segmentMaps(LeafReader leaf) throws IOException {
        IndexReader.CacheKey key = leaf.getCoreCacheHelper().getKey();
        SegmentMaps cached = segmentCache.get(key);
        if (cached == null) {   // two searches may both read a new segment's maps; either result is right
            long[] vids = new long[leaf.maxDoc()];
            Arrays.fill(vids, -1);
            NumericDocValues values = leaf.getNumericDocValues(VID);
            if (values != null) {
                for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
                    vids[doc] = values.longValue();
                }
            }
            int[] ords = new int[leaf.maxDoc()];
            FloatVectorValues vectors = leaf.getFloatVectorValues(VECTOR);
            if (vectors != null) {
                KnnVectorValues.DocIndexIterator it = vectors.iterator();
                for (int doc = it.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = it.nextDoc()) {
                    ords[doc] = it.index();
                }
            }
            cached = new SegmentMaps(vids, ords);
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

    private static BytesRef idBytes(long id) {
        return new BytesRef(ByteBuffer.allocate(8).putLong(id).array());
    }

    private static Term vidTerm(long vid) {
        return new Term(VID, idBytes(vid));
    }

    /** {@code ids} (sorted) with {@code id} added, in a new array. */
    private static long[] insertSorted(long[] ids, long id) {
        int at = Arrays.binarySearch(ids, id);
        if (at >= 0) {
            return ids;
        }
        at = -at - 1;
        long[] more = new long[ids.length + 1];
        System.arraycopy(ids, 0, more, 0, at);
        more[at] = id;
        System.arraycopy(ids, at, more, at + 1, ids.length - at);
        return more;
    }
}
