package io.kyrodb.engine.stats;

import java.util.Arrays;

/**
 * A HyperLogLog sketch of the distinct values in a column (Flajolet et al. 2007, with the small-range
 * correction by linear counting): 2^{@code P} one-byte registers, so 16 kB at the default precision
 * 14, standard error about 1.04 / sqrt(2^14) = 0.8%. Values go in as 64-bit hashes
 * ({@link #hash(Object)}); equal SQL values must hash alike. Not thread-safe: one ANALYZE fills it.
 */
public final class HyperLogLog {
    static final int DEFAULT_PRECISION = 14;

    private final int p;
    private final byte[] registers;

    public HyperLogLog() {
        this(DEFAULT_PRECISION);
    }

    public HyperLogLog(int precision) {
        if (precision < 4 || precision > 18) {
            throw new IllegalArgumentException("precision must be 4..18: " + precision);
        }
        this.p = precision;
        this.registers = new byte[1 << precision];
    }

    public void add(Object value) {
        addHash(hash(value));
    }

    public void addHash(long h) {
        int index = (int) (h >>> (64 - p));
        long rest = h << p | (1L << (p - 1));   // a guard bit keeps the rank finite
        int rank = Long.numberOfLeadingZeros(rest) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    /** The estimated number of distinct values added. */
    public double estimate() {
        int m = registers.length;
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = 0.7213 / (1 + 1.079 / m);
        double raw = alpha * m * (double) m / sum;
        if (raw <= 2.5 * m && zeros > 0) {
            return m * Math.log((double) m / zeros);
        }
        return raw;
    }

    /**
     * A 64-bit hash of a non-null SQL value such that values equal under
     * {@link io.kyrodb.engine.types.Values#sameValue} hash alike within one column's type.
     */
    public static long hash(Object v) {
        long h = switch (v) {
            case Long l -> l;
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Double d -> d == Math.rint(d) && Math.abs(d) < 9.0e18 ? (long) d.doubleValue()
                    : Double.doubleToLongBits(d == 0 ? 0.0 : d);
            case Float f -> Double.doubleToLongBits(f == 0 ? 0.0 : f.doubleValue());
            case String s -> stringHash(s);
            case float[] a -> Arrays.hashCode(a);
            case byte[] b -> Arrays.hashCode(b);
            default -> v.hashCode();
        };
        return mix(h);
    }

    private static long stringHash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }

    /** MurmurHash3's 64-bit finalizer: spreads every input bit over the result. */
    static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
