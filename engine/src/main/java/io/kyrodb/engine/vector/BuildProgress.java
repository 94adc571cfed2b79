package io.kyrodb.engine.vector;

import java.util.Locale;

/**
 * Where an HNSW index build stands: what the log, a session's notices (the shell's status line)
 * and {@code pg_stat_progress_create_index} show. {@code phase} uses pgvector's names
 * ({@code initializing}, {@code building index: loading tuples}); {@code done} of {@code total}
 * rows of the build's snapshot have been read into the graph, {@code nanos} after it started.
 */
public record BuildProgress(String index, String table, String phase, long done, long total, long nanos) {
    public static final String INITIALIZING = "initializing";
    public static final String LOADING = "building index: loading tuples";

    /** Whole percent of the rows done (100 for an empty table). */
    public long percent() {
        return total == 0 ? 100 : Math.min(100, done * 100 / total);
    }

    public double rowsPerSecond() {
        return done / Math.max(1e-9, nanos / 1e9);
    }

    /** {@code building HNSW index i on t: 42% (4200 of 10000 rows, 1234 rows/s)}, or {@code ...: counting rows} first. */
    public String message() {
        if (INITIALIZING.equals(phase)) {
            return "building HNSW index " + index + " on " + table + ": counting rows";
        }
        return String.format(Locale.ROOT, "building HNSW index %s on %s: %d%% (%d of %d rows, %.0f rows/s)", index, table,
                percent(), done, total, rowsPerSecond());
    }
}
