package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.Run;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one table's readers have paid for its rows being in more than one run since its runs last
 * changed: each seek through a merge of several runs (a prefix probe, a cursor opened) counts one,
 * a full scan through them a share of the count that asks for the merge ({@link #chargeScan}).
 * The size-tiered policy ({@link CompactionPolicy#pick}) leaves a table with two or three runs of
 * similar size for as long as no more writes come, and a probe into such a table searches each run
 * and merges what they hold. LevelDB compacts a file that too many reads had to look past ("seek
 * compaction"); here, once the seeks outweigh the bytes a merge would rewrite ({@link #BYTES_PER_SEEK})
 * and the runs have not changed for {@link #SETTLE_MILLIS} (the writes have stopped or slowed),
 * the compaction merges all of the table's runs into one: a table loaded once and then queried is
 * read through one run, without a merge. A table that keeps being written flushes new runs, which
 * starts the count again, so the merge it pays for stays in proportion to the reads it saves.
 * <p>
 * The count is a plain field every reader thread adds to without synchronization (a prefix probe
 * charges its first seek, then its seeks in batches of {@link #PROBE_BATCH}): a lost increment only
 * delays the merge. Point lookups by primary key ({@code TableData.get}) are not counted: a run's
 * Bloom filter answers most of them without a search.
 */
public final class ExtraRunReads {
    /** A prefix probe charges its seeks this many at a time. */
    static final int PROBE_BATCH = 64;
    /** A seek across several runs is charged as if it cost rewriting this many bytes of them. */
    static final long BYTES_PER_SEEK = 1024;
    /** Fewest charged seeks before a merge, however small the runs. */
    public static final long MIN_SEEKS = 256;
    /** Full scans through several runs, after their writes settled, that ask for the merge. */
    public static final long SCANS_PER_MERGE = 2;
    /** How long a table's runs must stay unchanged before this merge: its writes have settled. */
    public static final long SETTLE_MILLIS = 1000;
    /**
     * After such a merge of a table, the next waits this many times as long as the merge took: a
     * table written in bursts a little more than {@link #SETTLE_MILLIS} apart, and read between
     * them, spends at most a tenth of the compaction's time on these merges.
     */
    static final long QUIET_FACTOR = 9;

    /**
     * The count for one set of runs: a flush or compaction replaces the whole object, so a reader
     * still charging the old one (it read the old runs) cannot touch the new count or flag.
     */
    private static final class Count {
        final long threshold;
        final long changedNanos;
        long seeks;
        volatile boolean requested;

        Count(long threshold, long changedNanos) {
            this.threshold = threshold;
            this.changedNanos = changedNanos;
        }
    }

    private final Store store;
    private volatile Count count;
    private volatile long quietUntilNanos = System.nanoTime();

    ExtraRunReads(Store store) {
        this.store = store;
        runsChanged(List.of());
    }

    /** The table's runs changed (a flush, a compaction, recovery): the count starts again. */
    void runsChanged(List<Run> runs) {
        long bytes = 0;
        for (Run r : runs) {
            bytes += r.stats().fileSize();
        }
        count = new Count(Math.max(MIN_SEEKS, bytes / BYTES_PER_SEEK), System.nanoTime());
    }

    /** A reader sought through a merge of several of the table's runs. */
    void charge() {
        charge(1);
    }

    /**
     * A full scan through a merge of the table's runs, read to its end: it compared keys across
     * the runs for every row, so it is charged a {@link #SCANS_PER_MERGE}th of what asks for the
     * merge, and a table loaded in several runs and then scanned (an analytic table) is merged
     * after a few scans, as a table probed by key is after enough probes. A scan stopped early
     * (a LIMIT) is not charged.
     */
    void chargeScan() {
        Count c = count;
        charge((c.threshold + SCANS_PER_MERGE - 1) / SCANS_PER_MERGE);
    }

    /**
     * A reader sought {@code n} times through a merge of several of the table's runs. Once the
     * merge was asked for, nothing is written: readers on other cores do not contend for the count.
     */
    void charge(long n) {
        Count c = count;
        if (c.requested) {
            return;
        }
        c.seeks += n;
        if (c.seeks >= c.threshold) {
            c.requested = true;
            long settled = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - c.changedNanos);
            store.requestCompaction(Math.max(0, SETTLE_MILLIS - settled));
        }
    }

    /** Whether the compaction should merge all of the table's runs now ({@code nanoTime}: now). */
    boolean mergeWanted(long nanoTime) {
        Count c = count;
        return c.seeks >= c.threshold && nanoTime - c.changedNanos >= TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS)
                && nanoTime - quietUntilNanos >= 0;
    }

    /** Such a merge ended at {@code endNanos} after {@code tookNanos}. */
    void merged(long endNanos, long tookNanos) {
        quietUntilNanos = endNanos + QUIET_FACTOR * tookNanos;
    }
}
