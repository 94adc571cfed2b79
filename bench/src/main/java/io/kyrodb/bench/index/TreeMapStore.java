package io.kyrodb.bench.index;

import java.util.TreeMap;

/** The mixed workload's yardstick: a {@link TreeMap} from each key to itself (one boxed Long a key). */
public final class TreeMapStore implements KeyStore {
    private final TreeMap<Long, Long> map = new TreeMap<>();

    public TreeMapStore(long[] sortedKeys) {
        for (long k : sortedKeys) {
            Long boxed = k;
            map.put(boxed, boxed);
        }
    }

    @Override
    public void insert(long key) {
        Long boxed = key;
        map.put(boxed, boxed);
    }

    @Override
    public boolean contains(long key) {
        return map.get(key) != null;
    }

    @Override
    public long size() {
        return map.size();
    }
}
