package io.kyrodb.tck.vectors;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The strategy line HnswScanNode logs at FINE for each execution ("...: hnsw (ef_search ...)",
 * "...: exact (...)"), collected between {@link #start} and {@link #stop}: how the vector tests see
 * which search ran.
 */
final class ScanStrategyLog {
    private static final Logger SCAN_LOG = Logger.getLogger("io.kyrodb.engine.exec.HnswScanNode");
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            lines.add(record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** The lines logged so far (cleared by the tests between steps). */
    List<String> lines() {
        return lines;
    }

    void start() {
        handler.setLevel(Level.FINE);
        SCAN_LOG.setLevel(Level.FINE);
        SCAN_LOG.addHandler(handler);
    }

    void stop() {
        SCAN_LOG.removeHandler(handler);
        SCAN_LOG.setLevel(null);
    }
}
