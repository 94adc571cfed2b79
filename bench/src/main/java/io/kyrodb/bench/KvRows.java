package io.kyrodb.bench;

/**
 * The rows of the big-table and recovery runs, computed from the id alone so that a table of any
 * size can be loaded and checked without holding it in memory (unlike {@link Dataset}, which
 * generates its rows up front). {@code kv(id BIGINT PRIMARY KEY, val TEXT NOT NULL, n INTEGER)}:
 * {@code val} is {@code length} characters of a 64-letter alphabet drawn from a hash of the id,
 * {@code n} a non-negative int from the same hash. An updated row has the val of another salt and
 * {@code n = -1 - n(id)}, so it is negative and can be counted.
 *
 * <p>The load order is a permutation of 1..rows with no table behind it: the i-th row inserted is
 * {@code ((i + offset) * STRIDE mod rows) + 1}. STRIDE is a prime larger than any row count, so it is
 * coprime with it and the walk visits every id once; consecutive inserts land far apart, so every
 * flushed run spans the whole key range, as random inserts would.
 */
public final class KvRows {

    /** A prime above {@link Integer#MAX_VALUE} (Knuth's multiplicative-hash constant). */
    static final long STRIDE = 2_654_435_761L;

    private static final char[] ALPHABET =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_".toCharArray();
    private static final long LOADED = 0x5bd1e995L;
    private static final long UPDATED = 0x1b873593L;

    private final long rows;
    private final long offset;
    private final int length;

    /**
     * @param rows   the table's ids are 1..rows
     * @param seed   picks the permutation's starting point (not the values, which depend on the id only)
     * @param length characters of each val
     */
    public KvRows(long rows, long seed, int length) {
        if (rows < 1 || rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("rows must be between 1 and " + Integer.MAX_VALUE + ", not " + rows);
        }
        if (length < 1) {
            throw new IllegalArgumentException("val length must be at least 1, not " + length);
        }
        this.rows = rows;
        this.offset = Math.floorMod(mix(seed), rows);
        this.length = length;
    }

    public long rows() {
        return rows;
    }

    public int valLength() {
        return length;
    }

    /** The id of the {@code i}-th row to insert, {@code 0 <= i < rows}. */
    public long idAt(long i) {
        return Math.floorMod((i + offset) % rows * STRIDE, rows) + 1;
    }

    /** The val a row has after the load. */
    public String val(long id) {
        return text(id, LOADED, length);
    }

    /** The n a row has after the load: never negative. */
    public static int n(long id) {
        return (int) (mix(id ^ LOADED) >>> 33);
    }

    /** The val the UPDATE step gives a row. */
    public String updatedVal(long id) {
        return text(id, UPDATED, length);
    }

    /** The n the UPDATE step gives a row: always negative. */
    public static int updatedN(long id) {
        return -1 - n(id);
    }

    /** {@code length} characters drawn from hashes of {@code id} and {@code salt}, 10 per hash. */
    static String text(long id, long salt, int length) {
        char[] c = new char[length];
        long h = 0;
        for (int i = 0; i < length; i++) {
            if (i % 10 == 0) {
                h = mix(id * 0x9E3779B97F4A7C15L + salt + i);
            }
            c[i] = ALPHABET[(int) (h & 63)];
            h >>>= 6;
        }
        return new String(c);
    }

    /** SplitMix64's finalizer: a bijection of longs that spreads every input bit over the output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
