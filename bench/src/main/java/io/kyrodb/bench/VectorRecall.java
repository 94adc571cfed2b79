package io.kyrodb.bench;

import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndexProvider;
import io.kyrodb.engine.vector.VectorIndexSpec;
import io.kyrodb.engine.vector.VectorKernels;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;

/**
 * {@code bin/bench vectors}: recall@10 against the data set's exact neighbours and queries per
 * second, for ef_search from 10 to 400, on the shared TEXMEX sets (bigann10k, fmnistsmall), for
 * three searchers over the same vectors with the same HNSW parameters (m 16, beam 64, L2):
 * KyroDB's {@link VectorIndex} on Lucene (through the engine's SPI, in process: the SQL path comes
 * with the vector type), raw Lucene ({@code KnnFloatVectorQuery} with k = ef on an
 * {@code IndexSearcher}), and brute force with the engine's kernels. One thread; 10 untimed passes
 * warm the JIT first, then each row is a recall pass and {@code --passes} timed passes.
 */
public final class VectorRecall {
    private static final int K = 10;
    private static final int[] EFS = {10, 20, 40, 80, 160, 400};

    private VectorRecall() {
    }

    public static void main(String[] args) throws Exception {
        String dataset = "bigann10k";
        int queries = 100;
        int passes = 3;
        Path dataDir = Path.of(System.getProperty("kyro.bench.root", "."), "..", "shared", "datasets");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dataset" -> dataset = args[++i];
                case "--queries" -> queries = Integer.parseInt(args[++i]);
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--data-dir" -> dataDir = Path.of(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("bin/bench vectors [--dataset bigann10k|fmnistsmall] [--queries 100] [--passes 3] [--data-dir DIR]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
        }
        Path dir = dataDir.resolve(dataset);
        List<float[]> base = fvecs(dir.resolve(dataset + "_base.fvecs"));
        List<float[]> qs = fvecs(dir.resolve(dataset + "_query.fvecs"));
        List<int[]> truth = ivecs(dir.resolve(dataset + "_groundtruth.ivecs"));
        int n = Math.min(queries, qs.size());
        int dims = base.get(0).length;
        System.out.printf(Locale.ROOT, "vectors %s: %,d x %d, %d queries, k=%d, m=16, ef_construction=64, L2; kernels %s; %d passes%n",
                dataset, base.size(), dims, n, K, VectorKernels.best().name(), passes);

        Path tmp = Files.createTempDirectory("kyro-vectors");
        try {
            long t0 = System.nanoTime();
            VectorIndex ours = VectorIndexProvider.find().orElseThrow().open(tmp.resolve("kyro"), VectorIndexSpec.defaults(dims, VectorDistance.L2));
            for (int i = 0; i < base.size(); i++) {
                ours.put(i, base.get(i));
            }
            ours.commit(1);
            double oursBuild = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            RawLucene raw = new RawLucene(tmp.resolve("lucene"), base);
            double rawBuild = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "build: KyroDB index %.2f s, raw Lucene %.2f s%n%n", oursBuild, rawBuild);
            // Warm the JIT on both search paths before anything is timed.
            for (int p = 0; p < 10; p++) {
                for (int i = 0; i < n; i++) {
                    ours.search(qs.get(i), K, 40, id -> true, Integer.MAX_VALUE);
                    raw.search(qs.get(i), 40);
                }
            }
            System.out.printf("%-12s %6s %10s %10s%n", "searcher", "ef", "recall@10", "QPS");
            for (int ef : EFS) {
                Searcher kyro = q -> ours.search(q, K, ef, id -> true, Integer.MAX_VALUE).stream().mapToLong(VectorIndex.Neighbor::rowId).toArray();
                Searcher lucene = q -> raw.search(q, ef);
                report("kyro-index", ef, kyro, qs, truth, n, passes);
                report("raw-lucene", ef, lucene, qs, truth, n, passes);
            }
            report("brute-force", 0, q -> bruteForce(base, q), qs, truth, n, passes);
            ours.close();
            raw.close();
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private interface Searcher {
        long[] search(float[] q) throws IOException;
    }

    private static void report(String name, int ef, Searcher s, List<float[]> qs, List<int[]> truth, int n, int passes)
            throws IOException {
        double recall = 0;
        for (int i = 0; i < n; i++) {   // warm-up pass, which also measures recall
            recall += recall(s.search(qs.get(i)), truth.get(i));
        }
        long t0 = System.nanoTime();
        for (int p = 0; p < passes; p++) {
            for (int i = 0; i < n; i++) {
                s.search(qs.get(i));
            }
        }
        double qps = passes * n / ((System.nanoTime() - t0) / 1e9);
        System.out.printf(Locale.ROOT, "%-12s %6s %10.4f %,10.0f%n", name, ef == 0 ? "-" : Integer.toString(ef), recall / n, qps);
    }

    private static double recall(long[] got, int[] truth) {
        int hits = 0;
        for (long id : got) {
            for (int j = 0; j < K; j++) {
                if (truth[j] == id) {
                    hits++;
                    break;
                }
            }
        }
        return (double) hits / K;
    }

    private static long[] bruteForce(List<float[]> base, float[] q) {
        VectorKernels kernels = VectorKernels.best();
        PriorityQueue<double[]> top = new PriorityQueue<>(Comparator.comparingDouble((double[] e) -> -e[0]));
        for (int i = 0; i < base.size(); i++) {
            double d = kernels.l2Squared(q, base.get(i));
            if (top.size() < K) {
                top.add(new double[]{d, i});
            } else if (d < top.peek()[0]) {
                top.poll();
                top.add(new double[]{d, i});
            }
        }
        return top.stream().sorted(Comparator.comparingDouble(e -> e[0])).mapToLong(e -> (long) e[1]).toArray();
    }

    /** Lucene as an application would use it: one document per vector, its id in doc values. */
    private static final class RawLucene implements AutoCloseable {
        private final FSDirectory directory;
        private final DirectoryReader reader;
        private final IndexSearcher searcher;

        RawLucene(Path path, List<float[]> base) throws IOException {
            directory = FSDirectory.open(path);
            IndexWriterConfig config = new IndexWriterConfig();
            config.setCodec(new Lucene104Codec() {
                private final KnnVectorsFormat format = new Lucene99HnswVectorsFormat(16, 64);

                @Override
                public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                    return format;
                }
            });
            try (IndexWriter w = new IndexWriter(directory, config)) {
                for (int i = 0; i < base.size(); i++) {
                    Document d = new Document();
                    d.add(new KnnFloatVectorField("v", base.get(i), VectorSimilarityFunction.EUCLIDEAN));
                    d.add(new NumericDocValuesField("id", i));
                    w.addDocument(d);
                }
                w.commit();
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
        }

        long[] search(float[] q, int ef) throws IOException {
            TopDocs top = searcher.search(new KnnFloatVectorQuery("v", q, ef), ef);
            ScoreDoc[] docs = top.scoreDocs;
            long[] ids = new long[Math.min(K, docs.length)];
            List<LeafReaderContext> leaves = reader.leaves();
            for (int i = 0; i < ids.length; i++) {
                LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[i].doc, leaves));
                NumericDocValues values = leaf.reader().getNumericDocValues("id");
                values.advanceExact(docs[i].doc - leaf.docBase);
                ids[i] = values.longValue();
            }
            return ids;
        }

        @Override
        public void close() throws IOException {
            reader.close();
            directory.close();
        }
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

    static List<int[]> ivecs(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> out = new ArrayList<>();
        while (b.hasRemaining()) {
            int[] v = new int[b.getInt()];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.getInt();
            }
            out.add(v);
        }
        return out;
    }
}
