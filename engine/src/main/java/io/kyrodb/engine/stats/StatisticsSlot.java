package io.kyrodb.engine.stats;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a table keeps its latest {@link TableStatistics} and counts the rows written since they
 * were taken, to decide when auto-analyze is due. Statistics are not persisted: they are
 * recomputed (by the first query that plans with the table after the database opens, or by
 * ANALYZE). Thread-safe: the writer counts, any session may publish new statistics.
 */
public final class StatisticsSlot {
    /** Auto-analyze once this many rows plus {@link #AUTO_ANALYZE_SCALE} of the table changed (PostgreSQL's defaults). */
    public static final long AUTO_ANALYZE_BASE = 50;
    public static final double AUTO_ANALYZE_SCALE = 0.1;
    /** Below this many rows a table is re-analyzed after any change: reading it costs less than a bad plan. */
    public static final long SMALL_TABLE = 1000;

    private final AtomicLong changes = new AtomicLong();
    private volatile Published published;

    private record Published(TableStatistics statistics, long changesAt) {
    }

    /** A row version was written (insert, update or delete; also replayed by recovery). */
    public void changed() {
        changes.incrementAndGet();
    }

    public TableStatistics statistics() {
        Published p = published;
        return p == null ? null : p.statistics();
    }

    /** Rows changed since the statistics were taken (all changes when there are none). */
    public long changesSinceAnalyze() {
        Published p = published;
        return changes.get() - (p == null ? 0 : p.changesAt());
    }

    /** Whether auto-analyze should run before planning with this table. */
    public boolean stale() {
        Published p = published;
        if (p == null) {
            return true;
        }
        long since = changes.get() - p.changesAt();
        if (since == 0) {
            return false;
        }
        double rows = p.statistics().rows();
        return rows + since <= SMALL_TABLE || since > AUTO_ANALYZE_BASE + AUTO_ANALYZE_SCALE * rows;
    }

    /** The change count to pass to {@link #publish} for statistics computed from here on. */
    public long mark() {
        return changes.get();
    }

    public void publish(TableStatistics statistics, long changesAt) {
        published = new Published(statistics, changesAt);
    }
}
