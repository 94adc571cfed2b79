package io.kyrodb.bench;

import io.kyrodb.engine.vector.VectorDistance;
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
import java.nio.file.Path;
import java.util.List;

/**
 * Lucene as an application would use it, the yardstick for KyroDB's index: one document per
 * vector, its id in doc values, HNSW with the same m and beam width, one segment (a RAM buffer
 * that holds the whole set),
 * and {@code KnnFloatVectorQuery} with k = ef_search (Lucene's way to widen the beam).
 */
final class RawLuceneIndex implements AutoCloseable {
    private final FSDirectory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    RawLuceneIndex(Path path, List<float[]> base, VectorDistance distance, int m, int beamWidth) throws IOException {
        directory = FSDirectory.open(path);
        IndexWriterConfig config = new IndexWriterConfig().setRAMBufferSizeMB(2048);
        config.setCodec(new Lucene104Codec() {
            private final KnnVectorsFormat format = new Lucene99HnswVectorsFormat(m, beamWidth);

            @Override
            public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
                return format;
            }
        });
        VectorSimilarityFunction similarity = switch (distance) {
            case COSINE -> VectorSimilarityFunction.COSINE;
            case NEGATIVE_INNER_PRODUCT -> VectorSimilarityFunction.MAXIMUM_INNER_PRODUCT;
            default -> VectorSimilarityFunction.EUCLIDEAN;
        };
        try (IndexWriter w = new IndexWriter(directory, config)) {
            for (int i = 0; i < base.size(); i++) {
                Document d = new Document();
                d.add(new KnnFloatVectorField("v", base.get(i), similarity));
                d.add(new NumericDocValuesField("id", i));
                w.addDocument(d);
            }
            w.commit();
        }
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    long[] search(float[] q, int k, int ef) throws IOException {
        TopDocs top = searcher.search(new KnnFloatVectorQuery("v", q, Math.max(k, ef)), Math.max(k, ef));
        ScoreDoc[] docs = top.scoreDocs;
        long[] ids = new long[Math.min(k, docs.length)];
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
