package io.kyrodb.bench.index;

/**
 * A Bloom filter over 64-bit keys for one level of {@link LearnedLsm}: 10 bits a key (by default)
 * and 7 probes, all in one 512-bit block (a cache line) picked by the key's hash, so a test costs
 * one cache miss. The product's run filter ({@code BloomFilter}, 10 bits and 7 probes spread over
 * the whole filter) has a lower false-positive rate (~0.8% against ~1% here) but may touch several
 * cache lines a test.
 */
public final class BlockedBloom {
    public static final int BITS_PER_KEY = 10;
    private static final int PROBES = 7;

    private final long[] words;
    private final long blocks;

    public BlockedBloom(long[] keys, int from, int to) {
        this(keys, from, to, BITS_PER_KEY);
    }

    public BlockedBloom(long[] keys, int from, int to, int bitsPerKey) {
        long bits = Math.max(512, (long) (to - from) * bitsPerKey);
        this.blocks = (bits + 511) / 512;
        this.words = new long[(int) (blocks * 8)];
        for (int i = from; i < to; i++) {
            add(keys[i]);
        }
    }

    private void add(long key) {
        long h = mix(key);
        int base = block(h);
        long h2 = mix(h);
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) (h2 >>> (9 * i)) & 511;
            words[base + (bit >>> 6)] |= 1L << bit;
        }
    }

    public boolean mightContain(long key) {
        long h = mix(key);
        int base = block(h);
        long h2 = mix(h);
        for (int i = 0; i < PROBES; i++) {
            int bit = (int) (h2 >>> (9 * i)) & 511;
            if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    private int block(long h) {
        return (int) Math.multiplyHigh(h >>> 1, blocks << 1) * 8;   // (h / 2^63) * blocks, no modulo
    }

    public long bytes() {
        return 16L + 8L * words.length;
    }

    /** SplitMix64's finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
