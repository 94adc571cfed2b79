package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.BloomFilter;

/**
 * A Bloom filter over the keys of one memtable, filled as the writer adds keys, so that looking up
 * a key the memtable does not hold (every INSERT's uniqueness check, and a lookup of a row that
 * lives in a run) skips the skip list. Sized when the memtable is created for the most keys it is
 * expected to hold; past that its false-positive rate rises, never its correctness.
 *
 * <p>Threads: only the writer adds (under the writer lock); readers test. A reader that must see a
 * committed key's bit learned of that commit through a volatile read (the snapshot it took), which
 * happens after the writer set the bit, so it sees the bit; the writer's own reads are ordered
 * anyway. Bits are only ever set.
 */
final class MemtableFilter {
    private static final int PROBES = 6;
    private static final int BITS_PER_KEY = 10;

    private final long[] words;
    private final long bits;

    MemtableFilter(long expectedKeys) {
        long want = Math.max(1024, Math.min(expectedKeys * BITS_PER_KEY, 1L << 33));
        this.words = new long[(int) ((want + 63) / 64)];
        this.bits = (long) words.length * 64;
    }

    void add(byte[] key) {
        long h = BloomFilter.hash(key, 0, key.length);
        long h2 = (h >>> 32) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Long.remainderUnsigned(h + i * h2, bits);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** False means the memtable certainly does not hold {@code key}. */
    boolean mightContain(byte[] key) {
        long h = BloomFilter.hash(key, 0, key.length);
        long h2 = (h >>> 32) | 1;
        for (int i = 0; i < PROBES; i++) {
            long bit = Long.remainderUnsigned(h + i * h2, bits);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    long memoryBytes() {
        return 16L + 8L * words.length;
    }
}
