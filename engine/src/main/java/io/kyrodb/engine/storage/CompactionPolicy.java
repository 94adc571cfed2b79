package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.Run;
import io.kyrodb.engine.storage.run.RunStats;

import java.util.List;

/**
 * Chooses which runs of a table to merge, keeping their number small (a lookup probes each run's
 * Bloom filter) at a write cost that grows with the logarithm of the table's size. Size-tiered, as
 * RocksDB's universal compaction: walking from the newest run, a run joins the merge while it is
 * at most {@link #SIZE_RATIO} times the size of the newer runs already chosen; a merge needs
 * {@link #MIN_MERGE} runs, or any two once a table has {@link #MAX_RUNS}. A table whose runs are
 * mostly deletes is merged whole, so DELETE frees its disk.
 */
final class CompactionPolicy {
    static final int MIN_MERGE = 4;
    static final int MAX_RUNS = 8;
    static final double SIZE_RATIO = 2.0;
    /**
     * Merge everything once this share of a table's run entries are deletes: a DELETE of a twentieth
     * of a table gives its disk back without waiting for the size ratio to reach the bottom run.
     */
    static final double DELETE_SHARE = 0.05;

    private CompactionPolicy() {
    }

    /**
     * The adjacent runs (newest first) to merge now, or an empty list. {@code oldestSnapshot} is the
     * oldest commit a reader may still see: a lone run is rewritten by itself once every version in
     * it is that old, if a twentieth of its entries are deletes or replaced versions. (A merge that
     * ran while an older snapshot needed them kept them, in one run no other rule would pick.)
     */
    static List<Run> pick(List<Run> newestFirst, long oldestSnapshot) {
        int n = newestFirst.size();
        if (n == 0) {
            return List.of();
        }
        if (n == 1) {
            RunStats s = newestFirst.getFirst().stats();
            long garbage = s.deletes() + (s.entries() - s.keys());
            boolean collectable = s.maxSeq() <= oldestSnapshot;
            return collectable && garbage > 0 && garbage >= DELETE_SHARE * s.entries() ? newestFirst : List.of();
        }
        long entries = 0;
        long deletes = 0;
        for (Run r : newestFirst) {
            entries += r.stats().entries();
            deletes += r.stats().deletes();
        }
        if (deletes > 0 && deletes >= DELETE_SHARE * entries) {
            return newestFirst;
        }
        long chosen = newestFirst.getFirst().stats().fileSize();
        int count = 1;
        while (count < n && newestFirst.get(count).stats().fileSize() <= SIZE_RATIO * chosen) {
            chosen += newestFirst.get(count).stats().fileSize();
            count++;
        }
        if (count >= MIN_MERGE || (n >= MAX_RUNS && count >= 2)) {
            return newestFirst.subList(0, count);
        }
        if (n >= MAX_RUNS) {
            return newestFirst.subList(0, n - MAX_RUNS + 2); // the newest, however small: cap the count
        }
        return List.of();
    }
}
