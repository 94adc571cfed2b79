package io.kyrodb.engine.storage.run;

/**
 * The blocks of a database's runs most recently read, bounded by bytes ({@code cache_size}).
 * Sixteen shards keyed by run id and block number; eviction is CLOCK (an approximation of LRU that
 * needs no reordering on a hit). Blocks are immutable, so a block evicted while a reader uses it
 * stays valid for that reader.
 *
 * <p>A hit takes no lock and no map lookup: each run holds {@link Slots}, one reference per block
 * to its cache node, which the cache sets on insertion and clears on eviction (under the shard's
 * lock). A reader may race with an eviction and still see the node it read: it then uses a block
 * that is valid, only no longer counted, which is what a reader holding a block does anyway.
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

    /** One run's cached blocks, by block number; written by the cache only. */
    static final class Slots {
        private final Node[] nodes;

        Slots(int blocks) {
            nodes = new Node[blocks];
        }
    }

    /** A cached block and its CLOCK mark. */
    private static final class Node {
        final long key;
        final Slots slots;
        final int index;
        /** Replaced only by the same block with its rows decoded ({@link #replaceIfRoom}), null once dropped; under the shard's lock. */
        volatile Block block;
        volatile boolean referenced;

        Node(long key, Slots slots, int index, Block block) {
            this.key = key;
            this.slots = slots;
            this.index = index;
            this.block = block;
        }
    }

    /** Block {@code block} of the run whose slots are {@code slots}, or null if it is not cached. */
    Block get(Slots slots, int block) {
        Node n = slots.nodes[block];
        if (n == null) {
            return null;
        }
        Block b = n.block;
        if (b != null) {
            n.referenced = true;
        }
        return b;
    }

    void put(long runId, Slots slots, int block, Block b) {
        long key = key(runId, block);
        shard(key).put(key, slots, block, b);
    }

    /** Caches a block only if that evicts nothing (a scan's block: it must not push out the hot set). */
    void putIfRoom(long runId, Slots slots, int block, Block b) {
        long key = key(runId, block);
        shard(key).putIfRoom(key, slots, block, b);
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
     * One shard: inserts, evictions and removals take its lock; the clock algorithm (second
     * chance) picks what to evict.
     */
    private static final class Shard {
        private final long capacity;
        private final java.util.HashMap<Long, Node> map = new java.util.HashMap<>();      // guarded by this
        private final java.util.ArrayDeque<Node> clock = new java.util.ArrayDeque<>();   // guarded by this
        private long used;                                                                // guarded by this
        /** Nodes in {@link #clock} no longer in {@link #map} (removed, not yet passed by the hand); guarded by this. */
        private int dead;

        Shard(long capacity) {
            this.capacity = capacity;
        }

        synchronized void put(long key, Slots slots, int index, Block b) {
            if (b.memoryBytes() > capacity || map.containsKey(key)) {
                return;
            }
            Node n = new Node(key, slots, index, b);
            map.put(key, n);
            clock.add(n);
            slots.nodes[index] = n;
            used += b.memoryBytes();
            while (used > capacity && !clock.isEmpty()) {
                Node x = clock.poll();
                if (map.get(x.key) != x) {
                    dead--;     // removed already
                    continue;
                }
                if (x.referenced) {
                    x.referenced = false;
                    clock.add(x);
                } else {
                    drop(x);
                }
            }
        }

        synchronized void putIfRoom(long key, Slots slots, int index, Block b) {
            if (used + b.memoryBytes() <= capacity) {
                put(key, slots, index, b);
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

        /*
         * The node stays in the clock until the hand passes it (a search of the deque per removed
         * block made dropping a deleted run's thousands of blocks quadratic, under the lock
         * readers need); once dead nodes outnumber the live ones the clock is swept of them.
         */
        synchronized void remove(long key) {
            Node n = map.get(key);
            if (n != null) {
                drop(n);
                if (++dead > map.size() + 64) {
                    clock.removeIf(x -> map.get(x.key) != x);
                    dead = 0;
                }
            }
        }

        /*
         * Forgets a node: the map, the run's slot, the count, and its block (a removed node waits in
         * the clock until the hand passes it, and must not keep an uncounted block alive; a reader
         * that still reaches the node sees a miss). Under the lock.
         */
        private void drop(Node n) {
            map.remove(n.key, n);
            if (n.slots.nodes[n.index] == n) {
                n.slots.nodes[n.index] = null;
            }
            used -= n.block.memoryBytes();
            n.block = null;
        }

        synchronized boolean hasRoom(long bytes) {
            return used + bytes <= capacity;
        }

        synchronized long used() {
            return used;
        }
    }
}
