package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.storage.codec.ByteWriter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BlockCacheTest {
    private static final Path FILE = Path.of("test.run");

    /** A valid block of {@code size} bytes holding one entry (the cache looks at its size only). */
    private static Block block(int size) {
        byte[] data = new byte[size];
        int offsetsAt = size - 12;
        ByteWriter.putInt(data, offsetsAt, 0);
        ByteWriter.putInt(data, offsetsAt + 4, 1);
        ByteWriter.putInt(data, size - 4, RunFormat.crc(data, 0, size - 4));
        return Block.parse(data, FILE, 0, RunFormat.VERSION);
    }

    /** Puts {@code n} blocks of a run and checks the cache holds no more than its capacity, and exactly what it counts. */
    private static void fillAndCheck(BlockCache cache, long runId, BlockCache.Slots slots, int n, Block b) {
        for (int i = 0; i < n; i++) {
            cache.put(runId, slots, i, b);
        }
        assertThat(cache.usedBytes()).isLessThanOrEqualTo(cache.capacity()).isGreaterThan(cache.capacity() / 2);
        int cached = 0;
        for (int i = 0; i < n; i++) {
            cached += cache.get(slots, i) != null ? 1 : 0;
        }
        assertThat((long) cached * b.memoryBytes()).isEqualTo(cache.usedBytes());
    }

    @Test
    void evictsDownToItsCapacityAndForgetsWhatItEvicted() {
        Block b = block(1000);
        BlockCache cache = new BlockCache(16 * 10 * b.memoryBytes());   // about ten blocks a shard
        fillAndCheck(cache, 1, new BlockCache.Slots(2000), 2000, b);
    }

    @Test
    void aDeletedRunsBlocksAreDroppedAndTheCacheStaysExactAfterwards() {
        Block b = block(1000);
        BlockCache cache = new BlockCache(16 * 400 * b.memoryBytes());
        BlockCache.Slots old = new BlockCache.Slots(5000);
        for (int i = 0; i < 5000; i++) {
            cache.put(1, old, i, b);
        }
        long before = cache.usedBytes();
        assertThat(before).isGreaterThan(0);

        cache.evictRun(1, 5000);   // far more removals than live blocks: the clock is swept of them
        assertThat(cache.usedBytes()).isZero();
        for (int i = 0; i < 5000; i++) {
            assertThat(cache.get(old, i)).isNull();
        }

        // a new run fills the cache again: dead nodes neither count nor block eviction
        fillAndCheck(cache, 2, new BlockCache.Slots(20_000), 20_000, b);

        // the deleted run's block numbers can be cached again under the same run id
        cache.evictRun(2, 20_000);
        cache.put(1, old, 7, b);
        assertThat(cache.get(old, 7)).isSameAs(b);
        assertThat(cache.usedBytes()).isEqualTo(b.memoryBytes());
    }

    /** A scan's read of block {@code i}: counted, then cached if it is worth the room (Run.block's path for a full scan). */
    private static boolean scanRead(BlockCache cache, long runId, BlockCache.Slots slots, int i, Block b) {
        cache.record(runId, slots, i);
        if (cache.get(slots, i) != null) {
            return true;
        }
        if (cache.makeRoom(runId, slots, i, b.memoryBytes())) {
            cache.putIfRoom(runId, slots, i, b);
        }
        return false;
    }

    /** {@code passes} scans of blocks 0 to {@code n - 1}: how many blocks the last pass found cached. */
    private static int scanPasses(BlockCache cache, long runId, BlockCache.Slots slots, int n, int passes, Block b) {
        int hits = 0;
        for (int pass = 0; pass < passes; pass++) {
            hits = 0;
            for (int i = 0; i < n; i++) {
                hits += scanRead(cache, runId, slots, i, b) ? 1 : 0;
            }
        }
        return hits;
    }

    private static int cached(BlockCache cache, BlockCache.Slots slots, int n) {
        int c = 0;
        for (int i = 0; i < n; i++) {
            c += cache.get(slots, i) != null ? 1 : 0;
        }
        return c;
    }

    @Test
    void aTableScannedOnceEvictsNothing() {
        Block b = block(RunFormat.TARGET_BLOCK_SIZE);
        int fit = 1024;
        BlockCache cache = new BlockCache(fit * b.memoryBytes());
        BlockCache.Slots hot = new BlockCache.Slots(4 * fit);
        scanPasses(cache, 1, hot, 4 * fit, 2, b);
        int hotCached = cached(cache, hot, 4 * fit);
        assertThat((long) hotCached * b.memoryBytes()).as("the hot table fills every shard").isEqualTo(cache.capacity());
        long used = cache.usedBytes();

        int big = 40 * fit;
        BlockCache.Slots once = new BlockCache.Slots(big);
        scanPasses(cache, 2, once, big, 1, b);
        assertThat(cached(cache, once, big)).as("a one-time scan's blocks").isZero();
        assertThat(cached(cache, hot, 4 * fit)).as("the hot table's blocks stay").isEqualTo(hotCached);
        assertThat(cache.usedBytes()).isEqualTo(used);
    }

    @Test
    void aTableScannedAgainAndAgainTakesTheRoomOfOneNoLongerRead() {
        Block b = block(1000);
        BlockCache cache = new BlockCache(16 * 8 * b.memoryBytes());
        BlockCache.Slots old = new BlockCache.Slots(100);
        scanPasses(cache, 1, old, 100, 3, b);
        assertThat(cached(cache, old, 100)).isGreaterThan(64);
        BlockCache.Slots now = new BlockCache.Slots(100);
        int hits = scanPasses(cache, 2, now, 100, 6, b);
        assertThat(hits).as("the last pass is served from the cache").isGreaterThan(64);
        assertThat(cached(cache, old, 100)).as("the old table's blocks went").isLessThan(100 - 64);
        assertThat(cache.usedBytes()).isLessThanOrEqualTo(cache.capacity());
        assertThat((long) (cached(cache, old, 100) + cached(cache, now, 100)) * b.memoryBytes())
                .as("the cache counts exactly what it holds").isEqualTo(cache.usedBytes());
    }

    @Test
    void aScanLoopOverMoreThanTheCacheKeepsThePartThatFits() {
        Block b = block(1000);
        int fit = 16 * 8;
        BlockCache cache = new BlockCache(fit * b.memoryBytes());
        BlockCache.Slots table = new BlockCache.Slots(3 * fit);
        int hits = scanPasses(cache, 1, table, 3 * fit, 8, b);
        // evicting in clock order on every miss (LRU's way) would leave no block for the next pass
        assertThat(hits).as("blocks a pass finds cached").isGreaterThan(fit / 2);
    }

    @Test
    void aHotSetNoLongerReadAgesOut() {
        Block b = block(1000);
        BlockCache cache = new BlockCache(16 * 8 * b.memoryBytes());
        BlockCache.Slots old = new BlockCache.Slots(100);
        scanPasses(cache, 1, old, 100, 40, b);     // counts saturate
        int oldCached = cached(cache, old, 100);
        BlockCache.Slots now = new BlockCache.Slots(100);
        int passes = 0;
        while (cached(cache, now, 100) < 64 && passes < 200) {
            scanPasses(cache, 2, now, 100, 1, b);
            passes++;
        }
        assertThat(passes).as("passes until the new table holds the cache").isGreaterThan(2).isLessThan(200);
        assertThat(cached(cache, old, 100)).isLessThan(oldCached);
    }

    @Test
    void aBlocksReadsHalveOncePerPeriodAndStopAtTheCeiling() {
        int v = 0;
        for (int i = 0; i < 20; i++) {
            v = BlockCache.counted(v, 7);
        }
        assertThat(BlockCache.aged(v, 7)).isEqualTo(BlockCache.MAX_READS);
        assertThat(BlockCache.aged(v, 8)).isEqualTo(7);
        assertThat(BlockCache.aged(v, 9)).isEqualTo(3);
        assertThat(BlockCache.aged(v, 11)).isZero();
        v = BlockCache.counted(v, 9);
        assertThat(BlockCache.aged(v, 9)).as("halved twice, then counted").isEqualTo(4);
        assertThat(BlockCache.aged(0, 9)).isZero();
    }

    @Test
    void aBlocksCountMovesIntoItsNodeWhileCachedAndBackWhenEvicted() {
        Block b = block(1000);
        BlockCache cache = new BlockCache(16 * 2 * b.memoryBytes());
        BlockCache.Slots slots = new BlockCache.Slots(1);
        for (int i = 0; i < 3; i++) {
            cache.record(1, slots, 0);
        }
        assertThat(slots.reads(0, 0)).isEqualTo(3);
        cache.put(1, slots, 0, b);
        cache.record(1, slots, 0);
        assertThat(slots.reads(0, 0)).as("counted in the node").isEqualTo(4);
        cache.evictRun(1, 1);
        assertThat(cache.get(slots, 0)).isNull();
        cache.record(1, slots, 0);
        assertThat(slots.reads(0, 0)).as("back beside the slot").isEqualTo(5);
    }
}
