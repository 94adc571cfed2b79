package io.kyrodb.engine.storage.run;

import java.util.Arrays;

/**
 * Binary search over each block's first key. The keys live in one byte array with an offset per
 * block, so the index costs about the fence keys' bytes plus 4 bytes a block.
 */
final class FenceIndex implements RunIndex {
    private final byte[] keys;
    private final int[] starts;   // starts[i]..starts[i+1] is block i's first key; one extra at the end
    private final boolean fallback;

    /** @param fallback whether pk_index is learned but this run is too crowded for the model */
    FenceIndex(byte[] keys, int[] starts, boolean fallback) {
        this.keys = keys;
        this.starts = starts;
        this.fallback = fallback;
    }

    FenceIndex(byte[] keys, int[] starts) {
        this(keys, starts, false);
    }

    /** Whether this run would use the learned index but its keys crowd the model's 8 bytes. */
    @Override
    public boolean fallback() {
        return fallback;
    }

    @Override
    public int block(byte[] key) {
        int lo = 0;
        int hi = starts.length - 2;   // last block
        if (hi < 0 || compare(0, key) > 0) {
            return -1;
        }
        while (lo < hi) {             // the last block whose first key <= key
            int mid = (lo + hi + 1) >>> 1;
            if (compare(mid, key) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private int compare(int block, byte[] key) {
        return Arrays.compareUnsigned(keys, starts[block], starts[block + 1], key, 0, key.length);
    }

    @Override
    public boolean exact() {
        return true;
    }

    @Override
    public String describe() {
        return "btree";
    }

    @Override
    public int blockCount() {
        return starts.length - 1;
    }

    @Override
    public long memoryBytes() {
        return 32L + keys.length + 4L * starts.length;
    }
}
