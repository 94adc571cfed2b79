package io.kyrodb.engine.storage.run;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The blocks of a database's runs most recently read, bounded by bytes ({@code cache_size}).
 * Sixteen LRU shards, each behind its own lock, keyed by run id and block number. Blocks are
 * immutable, so a block evicted while a reader uses it stays valid for that reader.
 */
public final class BlockCache {
    private static final int SHARDS = 16;

    private final Shard[] shards = new Shard[SHARDS];
    private final long capacity;

    public BlockCache(long capacityBytes) {
        this.capacity = Math.max(0, capacityBytes);
        for (int i = 0; i < SHARDS; i++) {
            shards[i] = new Shard(capacity / SHARDS);
        }
    }

    public long capacity() {
        return capacity;
    }

    Block get(long runId, int block) {
        long key = key(runId, block);
        return shard(key).get(key);
    }

    void put(long runId, int block, Block b) {
        long key = key(runId, block);
        shard(key).put(key, b);
    }

    /** Drops every block of a run (it was deleted). */
    void evictRun(long runId, int blocks) {
        for (int i = 0; i < blocks; i++) {
            long key = key(runId, i);
            shard(key).remove(key);
        }
    }

    /** Bytes held now. */
    public long usedBytes() {
        long n = 0;
        for (Shard s : shards) {
            n += s.used();
        }
        return n;
    }

    private static long key(long runId, int block) {
        return (runId << 32) ^ (block & 0xFFFFFFFFL);
    }

    private Shard shard(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return shards[(int) (h >>> 60)];
    }

    private static final class Shard {
        private final long capacity;
        private final LinkedHashMap<Long, Block> map = new LinkedHashMap<>(256, 0.75f, true);
        private long used;

        Shard(long capacity) {
            this.capacity = capacity;
        }

        synchronized Block get(long key) {
            return map.get(key);
        }

        synchronized void put(long key, Block b) {
            if (b.memoryBytes() > capacity) {
                return;
            }
            Block old = map.put(key, b);
            if (old != null) {
                used -= old.memoryBytes();
            }
            used += b.memoryBytes();
            var it = map.entrySet().iterator();
            while (used > capacity && it.hasNext()) {
                Map.Entry<Long, Block> e = it.next();
                used -= e.getValue().memoryBytes();
                it.remove();
            }
        }

        synchronized void remove(long key) {
            Block old = map.remove(key);
            if (old != null) {
                used -= old.memoryBytes();
            }
        }

        synchronized long used() {
            return used;
        }
    }
}
