package io.kyrodb.vectors.lucene;

import io.kyrodb.engine.vector.VectorIndexSpec;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.KnnVectorsReader;
import org.apache.lucene.codecs.KnnVectorsWriter;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene104.Lucene104HnswScalarQuantizedVectorsFormat;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.index.SegmentReadState;
import org.apache.lucene.index.SegmentWriteState;
import org.apache.lucene.util.quantization.QuantizedByteVectorValues.ScalarEncoding;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The default codec with the spec's HNSW parameters and quantization for new segments. The formats'
 * names are Lucene's, so any reader opens the segments; quantized formats keep the full vectors
 * too, which the search rescores with. Up to {@link VectorIndexSpec#MAX_DIMENSIONS} dimensions
 * (Lucene's own limit is 1,024). Merges build their graphs on two threads ({@link #MERGE_WORKERS}).
 *
 * <p>Tried and not kept (issue 6, 2026-11-29): a build that flushed segments without graphs and
 * merged them into one at the end, so that Lucene's merge inserted the nodes on both cores, took as
 * long as inserting them on one thread (bigann10k, 9.8-14.3 s against 8.7-9.1 s, with the shared
 * machine's load at 25 there was no idle core to gain), and it made a build's graph depend on a
 * concurrent insertion order.
 */
final class HnswCodec extends Lucene104Codec {
    /** One daemon pool for every index in the JVM: the threads a merge inserts graph nodes on. */
    private static final ExecutorService MERGE_WORKERS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "kyro-hnsw-merge");
        t.setDaemon(true);
        return t;
    });
    private static final int MERGE_THREADS = 2;

    private final Format format;

    HnswCodec(VectorIndexSpec spec) {
        int m = spec.m();
        int ef = spec.efConstruction();
        this.format = new Format(switch (spec.quantization()) {
            case NONE -> new Lucene99HnswVectorsFormat(m, ef, MERGE_THREADS, MERGE_WORKERS);
            case INT8 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.UNSIGNED_BYTE, m, ef,
                    MERGE_THREADS, MERGE_WORKERS);
            case INT4 -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.PACKED_NIBBLE, m, ef,
                    MERGE_THREADS, MERGE_WORKERS);
            case BINARY -> new Lucene104HnswScalarQuantizedVectorsFormat(ScalarEncoding.SINGLE_BIT_QUERY_NIBBLE, m,
                    ef, MERGE_THREADS, MERGE_WORKERS);
        });
    }

    @Override
    public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
        return format;
    }

    /** Lucene's HNSW format under its own name (its files read back with the stock format), with more dimensions. */
    private static final class Format extends KnnVectorsFormat {
        private final KnnVectorsFormat delegate;

        Format(KnnVectorsFormat delegate) {
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
}
