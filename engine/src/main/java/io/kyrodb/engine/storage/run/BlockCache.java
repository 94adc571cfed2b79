package io.kyrodb.engine.storage.run;

/**
 * The blocks of a database's runs most recently read, bounded by bytes ({@code cache_size}).
 * Sixteen shards keyed by run id and block number; a hit takes no lock, eviction is CLOCK (an
 * approximation of LRU that needs no reordering on a hit). Blocks are immutable, so a block
 * evicted while a reader uses it stays valid for that reader.
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

    /** Caches a block only if that evicts nothing (a scan's block: it must not push out the hot set). */
    void putIfRoom(long runId, int block, Block b) {
        long key = key(runId, block);
        shard(key).putIfRoom(key, b);
    }

    /**
     * Swaps a cached block for {@code b}, the same block with its rows decoded, if the cache has
     * room for the difference without evicting anything; otherwise leaves it.
     */
    void replaceIfRoom(long runId, int block, Block old, Block b) {
        long key = key(runId, block);
        shard(key).replaceIfRoom(key, old, b);
    }

    /** Whether {@code bytes} more fit without evicting anything (a hint: other threads may fill it first). */
    boolean hasRoom(long runId, int block, long bytes) {
        long key = key(runId, block);
        return shard(key).hasRoom(bytes);
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

    /**
     * One shard: lookups are lock-free (a concurrent map, and a "used since" mark on the block);
     * inserts take the shard's lock and evict with the clock algorithm (second chance).
     */
    private static final class Shard {
        private static final class Node {
            final long key;
            /** Replaced only by the same block with its rows decoded ({@link #replaceIfRoom}); under the shard's lock. */
            volatile Block block;
            volatile boolean referenced;

            Node(long key, Block block) {
                this.key = key;
                this.block = block;
            }
        }

        private final long capacity;
        private final java.util.concurrent.ConcurrentHashMap<Long, Node> map = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.ArrayDeque<Node> clock = new java.util.ArrayDeque<>();   // guarded by this
        private long used;                                                                // guarded by this

        Shard(long capacity) {
            this.capacity = capacity;
        }

        Block get(long key) {
            Node n = map.get(key);
            if (n == null) {
                return null;
            }
            n.referenced = true;
            return n.block;
        }

        synchronized void put(long key, Block b) {
            if (b.memoryBytes() > capacity || map.containsKey(key)) {
                return;
            }
            Node n = new Node(key, b);
            map.put(key, n);
            clock.add(n);
            used += b.memoryBytes();
            while (used > capacity && !clock.isEmpty()) {
                Node x = clock.poll();
                if (map.get(x.key) != x) {
                    continue;   // removed already
                }
                if (x.referenced) {
                    x.referenced = false;
                    clock.add(x);
                } else {
                    map.remove(x.key, x);
                    used -= x.block.memoryBytes();
                }
            }
        }

        synchronized void putIfRoom(long key, Block b) {
            if (used + b.memoryBytes() <= capacity) {
                put(key, b);
            }
        }

        synchronized void replaceIfRoom(long key, Block old, Block b) {
            Node n = map.get(key);
            if (n == null || n.block != old) {
                return;
            }
            long grown = b.memoryBytes() - old.memoryBytes();
            if (used + grown <= capacity) {
                n.block = b;
                used += grown;
            }
        }

        synchronized void remove(long key) {
            Node n = map.remove(key);
            if (n != null) {
                used -= n.block.memoryBytes();
                clock.remove(n);
            }
        }

        synchronized boolean hasRoom(long bytes) {
            return used + bytes <= capacity;
        }

        synchronized long used() {
            return used;
        }
    }
}
