package io.kyrodb.tck.vectors;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The strategy line HnswScanNode logs at FINE for each execution ("...: hnsw (ef_search ...)",
 * "...: exact (...)"), collected while each test runs (a JUnit extension: register it with
 * {@code @RegisterExtension}): how the vector tests see which search ran.
 */
final class ScanStrategyLog implements BeforeEachCallback, AfterEachCallback {
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

    @Override
    public void beforeEach(ExtensionContext context) {
        handler.setLevel(Level.FINE);
        SCAN_LOG.setLevel(Level.FINE);
        SCAN_LOG.addHandler(handler);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        SCAN_LOG.removeHandler(handler);
        SCAN_LOG.setLevel(null);
    }
}
