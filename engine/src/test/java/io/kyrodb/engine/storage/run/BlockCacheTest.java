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
}
