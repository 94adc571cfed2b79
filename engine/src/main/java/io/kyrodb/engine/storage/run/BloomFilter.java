package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;

/**
 * A blocked Bloom filter over the distinct keys of one run, so that a lookup of a key the run does
 * not hold (every INSERT's uniqueness check) rarely reads a block. One 64-bit hash of the key picks
 * a 512-bit block (a cache line) and 7 bits inside it, so a probe costs one cache miss, not seven;
 * at 10 bits a key the false-positive rate is about 1%.
 * <pre>
 * u8 probes | u32 word count (a multiple of 8) | u64 word*      (big-endian; block b is words 8b..8b+7)
 * </pre>
 * Immutable once built; thread-safe for reads.
 */
public final class BloomFilter {
    public static final int BITS_PER_KEY = 10;
    private static final int PROBES = 7;
    private static final int WORDS_PER_BLOCK = 8;

    private final long[] words;
    private final int probes;
    private final int blocks;

    private BloomFilter(long[] words, int probes) {
        this.words = words;
        this.probes = probes;
        this.blocks = words.length / WORDS_PER_BLOCK;
    }

    /** Collects key hashes, then builds a filter sized for them. */
    public static final class Builder {
        private long[] hashes = new long[1024];
        private int count;

        public void add(byte[] key) {
            if (count == hashes.length) {
                hashes = java.util.Arrays.copyOf(hashes, count * 2);
            }
            hashes[count++] = hash(key, 0, key.length);
        }

        public BloomFilter build() {
            long wanted = Math.max(512, (long) count * BITS_PER_KEY);
            long nBlocks = Math.min((Integer.MAX_VALUE - 64) / WORDS_PER_BLOCK, (wanted + 511) / 512);
            BloomFilter f = new BloomFilter(new long[(int) nBlocks * WORDS_PER_BLOCK], PROBES);
            for (int i = 0; i < count; i++) {
                f.set(hashes[i]);
            }
            return f;
        }
    }

    /** The first word of the block hash {@code h} picks. */
    private static int blockStart(long h, int blocks) {
        return (int) (((h >>> 32) * blocks) >>> 32) * WORDS_PER_BLOCK;
    }

    /** The bits inside a block: from a second mix of the hash, independent of the block's bits. */
    private static long probeBits(long h) {
        return Long.rotateLeft(h * 0xC2B2AE3D27D4EB4FL, 29);
    }

    private void set(long h) {
        int base = blockStart(h, blocks);
        long g = probeBits(h);
        for (int i = 0; i < probes; i++) {
            int bit = (int) (g >>> (i * 9)) & 511;
            words[base + (bit >>> 6)] |= 1L << bit;
        }
    }

    /**
     * An empty filter sized for {@code expectedKeys}, filled with {@link #add} as keys arrive (a
     * memtable's). Only one thread adds; a reader that learned of a key through a volatile read
     * made after its add (a published commit) sees its bits.
     */
    public static BloomFilter growing(long expectedKeys) {
        long wanted = Math.max(512, Math.min(expectedKeys * BITS_PER_KEY, 1L << 34));
        long nBlocks = Math.min((Integer.MAX_VALUE - 64) / WORDS_PER_BLOCK, (wanted + 511) / 512);
        return new BloomFilter(new long[(int) nBlocks * WORDS_PER_BLOCK], PROBES);
    }

    /** Adds a key by its {@link #hash} (filters from {@link #growing} only). */
    public void add(long hash) {
        set(hash);
    }

    /** False means the key is certainly not in the run. */
    public boolean mightContain(byte[] key) {
        return mightContain(hash(key, 0, key.length));
    }

    /** {@link #mightContain(byte[])} for a key whose {@link #hash} is known (one hash for many filters). */
    public boolean mightContain(long h) {
        int base = blockStart(h, blocks);
        long g = probeBits(h);
        for (int i = 0; i < probes; i++) {
            int bit = (int) (g >>> (i * 9)) & 511;
            if ((words[base + (bit >>> 6)] & (1L << bit)) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Heap bytes this filter holds. */
    public long memoryBytes() {
        return 16L + 8L * words.length;
    }

    public void writeTo(ByteWriter out) {
        out.u8(probes).u32(words.length);
        for (long w : words) {
            out.u64(w);
        }
    }

    public static BloomFilter read(ByteReader in) {
        int at = in.position();
        int probes = in.u8();
        int n = in.u32();
        if (probes < 1 || probes > 7) {
            throw new FormatException(at, "Bloom filter with " + probes + " probes");
        }
        if (n < WORDS_PER_BLOCK || n % WORDS_PER_BLOCK != 0 || (long) n * 8 > in.remaining()) {
            throw new FormatException(at + 1, "Bloom filter of " + n + " words does not fit in " + in.remaining()
                    + " bytes or is not whole blocks");
        }
        long[] words = new long[n];
        for (int i = 0; i < n; i++) {
            words[i] = in.u64();
        }
        return new BloomFilter(words, probes);
    }

    /** A 64-bit hash of {@code len} bytes (8 at a time, then the tail, then a murmur3 finalizer). */
    public static long hash(byte[] b, int off, int len) {
        long h = 0x9E3779B97F4A7C15L ^ (len * 0xC2B2AE3D27D4EB4FL);
        int i = off;
        int end = off + len;
        for (; i + 8 <= end; i += 8) {
            h = (h ^ mix(ByteReader.getLong(b, i))) * 0x9E3779B97F4A7C15L;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (long) (b[i] & 0xFF) << shift;
        }
        h = (h ^ mix(tail)) * 0x9E3779B97F4A7C15L;
        return mix(h);
    }

    private static long mix(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB9FE1A85EC53L;
        k ^= k >>> 33;
        return k;
    }
}
