package io.kyrodb.engine.storage.run;

/**
 * The blocks of a database's runs most recently read, bounded by bytes ({@code cache_size}).
 * Sixteen shards keyed by run id and block number; eviction is CLOCK (an approximation of LRU that
 * needs no reordering on a hit). Blocks are immutable, so a block evicted while a reader uses it
 * stays valid for that reader.
 *
 * <p>A lookup's block always enters (the hot set). A scan's block enters free room, or evicts
 * only what it is worth (TinyLFU's admission): each block's reads are counted, and the count
 * halves after every period of reads (so a block read often long ago counts for less than one
 * read often now); the block evicts when it was read more than once lately and more often than
 * each block the clock would evict for it. So a table scanned once passes through without
 * evicting anything, however long ago the cached blocks were read; a table scanned again and
 * again takes the room of blocks nobody read for a while; and a scan loop over more than the
 * cache keeps the part that fits instead of evicting each block just before the next pass
 * needs it. The counts are exact, not a sketch (one int a block: in its node while it is cached,
 * beside its slot while not): a block read once is never mistaken for one read twice.
 *
 * <p>A hit takes no lock and no map lookup: each run holds {@link Slots}, one reference per block
 * to its cache node, which the cache sets on insertion and clears on eviction (under the shard's
 * lock). A reader may race with an eviction and still see the node it read: it then uses a block
 * that is valid, only no longer counted, which is what a reader holding a block does anyway.
 */
public final class BlockCache {
    private static final int SHARDS = 16;
    /**
     * The counts halve after this many reads per cached block (TinyLFU's sample, which is 10 there
     * for finer counts): 2 lets a table that queries now scan again and again take the room of
     * one they scanned before within a few scans (the analytic bench, whose queries each scan
     * other tables, ran up to 2.5x faster than with 10), and a scan loop over 2 to 30 times the
     * cache still keeps the part that fits on every pass.
     */
    private static final int AGING_READS_PER_BLOCK = 2;
    /** The fewest cached blocks a shard's aging period assumes. */
    private static final int AGING_MIN_BLOCKS = 16;
    /**
     * The reads of a block, lately, before it may evict another: a block read once (a table
     * scanned once) takes free room only, also once the blocks it would evict have aged to 0.
     */
    private static final int EVICTING_READS = 2;

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

    /**
     * One run's cached blocks, by block number, written by the cache only; and the reads of each
     * block that is not cached, written by its readers (a cached block's are counted in its node,
     * which a hit touches anyway). The counts take 4 bytes a block of every open run, outside
     * cache_size: 0.1% of the data's size.
     */
    static final class Slots {
        private final Node[] nodes;
        /** Per block not cached: its read count ({@link #counted}); a node takes it over while cached. */
        private final int[] reads;

        Slots(int blocks) {
            nodes = new Node[blocks];
            reads = new int[blocks];
        }

        /** Block {@code block}'s reads as of {@code epoch} ({@link #aged}), cached or not. */
        int reads(int block, int epoch) {
            Node n = nodes[block];
            return aged(n != null ? n.reads : reads[block], epoch);
        }
    }

    /** A count's ceiling: four bits. */
    static final int MAX_READS = 15;

    /**
     * The reads that count {@code v} holds as of {@code epoch}: {@code v} is the epoch of its last
     * counted read (high 28 bits) and the reads then (low 4 bits), which have halved once for each
     * epoch since.
     */
    static int aged(int v, int epoch) {
        int age = (epoch - (v >>> 4)) & 0x0FFF_FFFF;
        if (age >= 1 << 27) {
            age = 0;    // counted by a thread that saw a newer epoch than the caller: current
        }
        return age >= 4 ? 0 : (v & MAX_READS) >>> age;
    }

    /** Count {@code v} with one more read at {@code epoch}. */
    static int counted(int v, int epoch) {
        return (epoch << 4) | Math.min(MAX_READS, aged(v, epoch) + 1);
    }

    /** A cached block and its CLOCK mark. */
    private static final class Node {
        final long key;
        final Slots slots;
        final int index;
        /** Replaced only by the same block with its rows decoded ({@link #replaceIfRoom}), null once dropped; under the shard's lock. */
        volatile Block block;
        volatile boolean referenced;
        /** The block's read count while it is cached ({@link #counted}); racy: a lost update only lowers it. */
        int reads;

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

    /** Caches a block only if that evicts nothing (the room {@link #makeRoom} made for it). */
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

    /**
     * Counts a read of block {@code block} of run {@code runId}, cached or not, for {@link
     * #makeRoom}. Each shard keeps its own period and epoch (a block always falls in the same
     * shard, and makeRoom compares blocks of one shard), so readers on many cores do not all
     * write one counter.
     */
    void record(long runId, Slots slots, int block) {
        int e = shard(key(runId, block)).tick();
        Node n = slots.nodes[block];
        if (n != null) {
            n.reads = counted(n.reads, e);
        } else {
            slots.reads[block] = counted(slots.reads[block], e);
        }
    }

    /**
     * Whether {@code bytes} more fit for this block, after evicting, in the clock's order, blocks
     * read less often lately than it (never the block itself; nothing for a block read only once):
     * false, evicting no further, at the first block the clock would evict that was read as often.
     * Other threads may take the room before the caller fills it.
     */
    boolean makeRoom(long runId, Slots slots, int block, long bytes) {
        long key = key(runId, block);
        Shard shard = shard(key);
        int e = shard.epoch.get();
        return shard.makeRoom(key, bytes, slots.reads(block, e), e);
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
        /** Blocks cached in the shard; written under the lock, read without it by {@link #tick} (a stale value only shifts the period). */
        private int live;
        /** Reads counted since the shard's counts last halved; racy (a lost increment only delays the aging). */
        private int readsThisPeriod;
        /**
         * How many times the shard's counts have halved (see {@link #aged}). Advanced by
         * compare-and-set, so racing threads never move it back.
         */
        private final java.util.concurrent.atomic.AtomicInteger epoch = new java.util.concurrent.atomic.AtomicInteger();
        private final java.util.HashMap<Long, Node> map = new java.util.HashMap<>();      // guarded by this
        private final java.util.ArrayDeque<Node> clock = new java.util.ArrayDeque<>();   // guarded by this
        private long used;                                                                // guarded by this
        /** Nodes in {@link #clock} no longer in {@link #map} (removed, not yet passed by the hand); guarded by this. */
        private int dead;

        Shard(long capacity) {
            this.capacity = capacity;
        }

        /** Counts one read in the period and returns the epoch to count it in, advancing it when the period is over. */
        int tick() {
            int e = epoch.get();
            if (++readsThisPeriod >= AGING_READS_PER_BLOCK * Math.max(AGING_MIN_BLOCKS, live)) {
                readsThisPeriod = 0;
                if (epoch.compareAndSet(e, e + 1)) {
                    e++;
                }
            }
            return e;
        }

        synchronized void put(long key, Slots slots, int index, Block b) {
            if (b.memoryBytes() > capacity || map.containsKey(key)) {
                return;
            }
            Node n = new Node(key, slots, index, b);
            n.reads = slots.reads[index];
            map.put(key, n);
            clock.add(n);
            slots.nodes[index] = n;
            used += b.memoryBytes();
            live++;
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
                n.slots.reads[n.index] = n.reads;    // the count goes on without the node
                n.slots.nodes[n.index] = null;
            }
            used -= n.block.memoryBytes();
            n.block = null;
            live--;
        }

        /*
         * The clock's walk of put, except that a block read at least as often as the newcomer
         * ends it: the newcomer is refused and that block stays first in line. Each node gets one
         * second chance per call, so the walk ends within two turns of the clock.
         */
        synchronized boolean makeRoom(long key, long bytes, int reads, int epoch) {
            if (bytes > capacity) {
                return false;
            }
            if (reads < EVICTING_READS) {
                return used + bytes <= capacity;   // evicts nothing, so walks nothing: the hot set keeps its marks
            }
            int steps = 2 * clock.size() + 1;
            while (used + bytes > capacity) {
                Node x = clock.peekFirst();
                if (x == null || steps-- == 0) {
                    return false;
                }
                if (map.get(x.key) != x) {
                    clock.pollFirst();
                    dead--;     // removed already
                } else if (x.referenced || x.key == key) {
                    x.referenced = false;
                    clock.addLast(clock.pollFirst());
                } else if (aged(x.reads, epoch) < reads) {
                    clock.pollFirst();
                    drop(x);
                } else {
                    return false;
                }
            }
            return true;
        }

        synchronized long used() {
            return used;
        }
    }
}
