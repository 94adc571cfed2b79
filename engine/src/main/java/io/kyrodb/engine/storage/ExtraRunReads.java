package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.Run;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one table's readers have paid for its rows being in more than one run since its runs last
 * changed: each seek through a merge of several runs (a prefix probe, a cursor opened) counts one.
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
 * in batches of {@link #PROBE_BATCH}): a lost increment only delays the merge.
 */
public final class ExtraRunReads {
    /** A prefix probe charges its seeks this many at a time. */
    static final int PROBE_BATCH = 64;
    /** A seek across several runs is charged as if it cost rewriting this many bytes of them. */
    static final long BYTES_PER_SEEK = 1024;
    /** Fewest charged seeks before a merge, however small the runs. */
    public static final long MIN_SEEKS = 256;
    /** How long a table's runs must stay unchanged before this merge: its writes have settled. */
    public static final long SETTLE_MILLIS = 1000;
    /**
     * After such a merge of a table, the next waits this many times as long as the merge took: a
     * table written in bursts a little more than {@link #SETTLE_MILLIS} apart, and read between
     * them, spends at most a tenth of the compaction's time on these merges.
     */
    static final long QUIET_FACTOR = 9;

    private final Store store;
    private long seeks;
    private volatile long threshold;
    private volatile long changedNanos;
    private volatile boolean requested;
    private volatile long quietUntilNanos;

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
        seeks = 0;
        threshold = Math.max(MIN_SEEKS, bytes / BYTES_PER_SEEK);
        changedNanos = System.nanoTime();
        requested = false;
    }

    /** A reader sought through a merge of several of the table's runs. */
    void charge() {
        charge(1);
    }

    /**
     * A reader sought {@code n} times through a merge of several of the table's runs. Once the
     * merge was asked for, nothing is written: readers on other cores do not contend for the count.
     */
    void charge(long n) {
        if (requested) {
            return;
        }
        seeks += n;
        if (seeks >= threshold) {
            requested = true;
            long settled = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changedNanos);
            store.requestCompaction(Math.max(0, SETTLE_MILLIS - settled));
        }
    }

    /** Whether the compaction should merge all of the table's runs now ({@code nanoTime}: now). */
    boolean mergeWanted(long nanoTime) {
        return seeks >= threshold && nanoTime - changedNanos >= TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS)
                && nanoTime - quietUntilNanos >= 0;
    }

    /** Such a merge ended at {@code endNanos} after {@code tookNanos}. */
    void merged(long endNanos, long tookNanos) {
        quietUntilNanos = endNanos + QUIET_FACTOR * tookNanos;
    }
}
