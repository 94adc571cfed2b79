package io.kyrodb.bench.index;

import java.util.Arrays;

/** The reference: {@link Arrays#binarySearch} over the sorted keys. */
public final class SortedArrayIndex implements PositionIndex {
    private final long[] keys;

    public SortedArrayIndex(long[] sortedKeys) {
        this.keys = sortedKeys;
    }

    @Override
    public int find(long key) {
        int i = Arrays.binarySearch(keys, key);
        return i >= 0 ? i : -1;
    }

    @Override
    public long keyAt(int position) {
        return keys[position];
    }

    @Override
    public long indexBytes() {
        return 0;
    }
}
