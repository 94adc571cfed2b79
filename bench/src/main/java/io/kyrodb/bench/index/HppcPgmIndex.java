package io.kyrodb.bench.index;

import com.carrotsearch.hppc.LongPgmIndex;

/**
 * The outside yardstick: hppc's {@link LongPgmIndex} (a PGM index with an optimal piecewise linear
 * model; it keeps its own copy of the keys, signed order). Its recursive levels keep hppc's own
 * epsilon ({@code EPSILON_RECURSIVE}, 32); {@code epsilon} is the bottom level's.
 */
public final class HppcPgmIndex implements PositionIndex {
    private final LongPgmIndex index;

    public HppcPgmIndex(long[] sortedKeys, int epsilon) {
        this.index = new LongPgmIndex.LongBuilder().setSortedKeys(sortedKeys, sortedKeys.length).setEpsilon(epsilon).build();
    }

    @Override
    public int find(long key) {
        int i = index.indexOf(key);
        return i >= 0 ? i : -1;
    }

    @Override
    public long keyAt(int position) {
        return index.keys.buffer[position];
    }

    /** {@code ramBytesUsed()}: the model only, not the keys. */
    @Override
    public long indexBytes() {
        return index.ramBytesUsed();
    }
}
