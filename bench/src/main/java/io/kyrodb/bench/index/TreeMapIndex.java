package io.kyrodb.bench.index;

import java.util.TreeMap;

/** {@link TreeMap} from each key to its position: a red-black tree of boxed keys and values. */
public final class TreeMapIndex implements PositionIndex {
    /** A TreeMap.Entry (40 bytes with compressed oops), a Long and an Integer (16 each). */
    public static final int BYTES_PER_ENTRY = 72;

    private final TreeMap<Long, Integer> map = new TreeMap<>();

    public TreeMapIndex(long[] sortedKeys) {
        for (int i = 0; i < sortedKeys.length; i++) {
            map.put(sortedKeys[i], i);
        }
    }

    @Override
    public int find(long key) {
        return find(Long.valueOf(key));
    }

    /** The lookup with the key boxed by the caller (the benchmark boxes its queries once, ahead). */
    public int find(Long key) {
        Integer i = map.get(key);
        return i == null ? -1 : i;
    }

    /** TreeMap's lookup already waits for its answer (an Integer read from the entry): no key kept by position. */
    @Override
    public long keyAt(int position) {
        throw new UnsupportedOperationException("TreeMap keeps no keys by position");
    }

    /** An estimate: {@link #BYTES_PER_ENTRY} a key (the tree holds its own boxed copy of the keys). */
    @Override
    public long indexBytes() {
        return (long) BYTES_PER_ENTRY * map.size();
    }
}
