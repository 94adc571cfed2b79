package io.kyrodb.engine.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the rows a hash operator cannot hold into spill files by the hash of their group, so
 * that each partition holds every spilled row of its groups and can be processed on its own. The
 * partition of a hash depends on the depth (how often its rows were already split), so a
 * partition that is still too large splits differently the next time.
 */
final class HashPartitions {
    /** Partitions may be split this often; past it, hashes that never separate mean 53200. */
    static final int MAX_DEPTH = 8;

    /** The spilled rows of some groups, at {@code depth} (1 for a split of the operator's input). */
    record Partition(SpillFile file, long end, int depth) {
        SpillCodec.Reader reader(int bufferSize) {
            file.checkHeader();
            return file.reader(SpillCodec.HEADER_SIZE, end, bufferSize);
        }
    }

    private final ExecContext ctx;
    private final String purpose;
    private final int depth;
    private final int bufferSize;
    private final SpillFile[] files;
    private final SpillCodec.Writer[] writers;

    /** Partitions of rows read at {@code depth} (0: the operator's input). */
    HashPartitions(ExecContext ctx, String purpose, int depth) {
        this.ctx = ctx;
        this.purpose = purpose;
        this.depth = depth;
        long budget = WorkMem.budget(ctx);
        this.bufferSize = WorkMem.ioBufferSize(budget);
        int n = WorkMem.partitionCount(budget);
        this.files = new SpillFile[n];
        this.writers = new SpillCodec.Writer[n];
    }

    /** Whether rows read at {@code depth} may still be split. */
    static boolean canSplit(int depth) {
        return depth < MAX_DEPTH;
    }

    /** Appends {@code row} to the partition of {@code hash}, creating its file on first use. */
    void add(int hash, Object[] row) {
        int p = Math.floorMod(mix(hash, depth), files.length);
        if (writers[p] == null) {
            files[p] = ctx.spills().create(purpose);
            writers[p] = files[p].writer(bufferSize);
        }
        writers[p].write(row);
    }

    /** Flushes every partition and hands over its file: the caller closes them. */
    List<Partition> finish() {
        List<Partition> out = new ArrayList<>();
        for (int p = 0; p < files.length; p++) {
            if (writers[p] != null) {
                writers[p].flush();
                out.add(new Partition(files[p], writers[p].position(), depth + 1));
            }
        }
        return out;
    }

    /**
     * Like {@link #finish}, but the list holds every partition at its number, null where no row
     * went: two inputs split at the same depth pair up by number (a hash join).
     */
    List<Partition> finishByIndex() {
        List<Partition> out = new ArrayList<>();
        for (int p = 0; p < files.length; p++) {
            if (writers[p] != null) {
                writers[p].flush();
                out.add(new Partition(files[p], writers[p].position(), depth + 1));
            } else {
                out.add(null);
            }
        }
        return out;
    }

    /** Closes every partition file (after a failure, before {@link #finish}). */
    void closeAfterFailure(Throwable failure) {
        for (SpillFile f : files) {
            SpillFiles.closeAfterFailure(f, failure);
        }
    }

    /** A different, well-spread partition choice at each depth (the murmur3 finalizer). */
    private static int mix(int hash, int depth) {
        long x = (hash & 0xFFFFFFFFL) + (depth + 1) * 0x9E3779B97F4A7C15L;
        x = (x ^ (x >>> 33)) * 0xFF51AFD7ED558CCDL;
        x = (x ^ (x >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return (int) (x ^ (x >>> 33));
    }
}
