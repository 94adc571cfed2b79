package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.storage.codec.ByteReader;
import io.kyrodb.engine.storage.codec.ByteWriter;
import io.kyrodb.engine.storage.codec.FormatException;

/**
 * A Bloom filter over the distinct keys of one run, so that a lookup of a key the run does not
 * hold (every INSERT's uniqueness check) rarely reads a block. 10 bits a key and 7 probes give a
 * false-positive rate of about 0.8%. Probes use double hashing of one 64-bit hash of the key bytes.
 * <pre>
 * u8 probes | u32 word count | u64 word*      (big-endian; bit i is bit (i &amp; 63) of word i &gt;&gt;&gt; 6)
 * </pre>
 * Immutable once built; thread-safe for reads.
 */
public final class BloomFilter {
    public static final int BITS_PER_KEY = 10;
    private static final int PROBES = 7;

    private final long[] words;
    private final int probes;
    private final long bits;

    private BloomFilter(long[] words, int probes) {
        this.words = words;
        this.probes = probes;
        this.bits = (long) words.length * 64;
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
            long wanted = Math.max(64, (long) count * BITS_PER_KEY);
            int nWords = (int) Math.min(Integer.MAX_VALUE - 8, (wanted + 63) / 64);
            BloomFilter f = new BloomFilter(new long[nWords], PROBES);
            for (int i = 0; i < count; i++) {
                f.set(hashes[i]);
            }
            return f;
        }
    }

    private void set(long h) {
        long h1 = h;
        long h2 = (h >>> 32) | 1;
        for (int i = 0; i < probes; i++) {
            long bit = Long.remainderUnsigned(h1 + i * h2, bits);
            words[(int) (bit >>> 6)] |= 1L << bit;
        }
    }

    /** False means the key is certainly not in the run. */
    public boolean mightContain(byte[] key) {
        long h = hash(key, 0, key.length);
        long h1 = h;
        long h2 = (h >>> 32) | 1;
        for (int i = 0; i < probes; i++) {
            long bit = Long.remainderUnsigned(h1 + i * h2, bits);
            if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
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
        if (probes < 1 || probes > 30) {
            throw new FormatException(at, "Bloom filter with " + probes + " probes");
        }
        if (n < 1 || (long) n * 8 > in.remaining()) {
            throw new FormatException(at + 1, "Bloom filter of " + n + " words does not fit in " + in.remaining() + " bytes");
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
