package io.kyrodb.engine.storage.run;

/**
 * Integer columns each held to a closed range ({@code customer_id < 200} is column 1 in
 * [MIN_VALUE, 199]), and optionally to a set of values in that range (a hash join's keys): what
 * a scan's filter, or the join above it, says of a row's integer columns, handed down to a run
 * so that a decoded block skips the rows that fail it by reading its integer column arrays
 * ({@link Block#intColumn}) instead of each row and its boxed values. It only skips: the
 * operators above the scan still test every row that comes up, so a block without those arrays,
 * or a source that cannot skip, returns every row and the answer is the same. Every condition
 * must be one a NULL never meets (a comparison, a join key): a NULL's slot in the arrays holds 0,
 * so a row with a NULL there may be skipped or returned alike.
 */
public final class IntRangeFilter {
    private final int[] columns;
    private final int[] low;
    private final int[] high;
    /** Per condition, null or the set of values it admits: bit {@code v - low} of the words. */
    private final long[][] sets;

    private IntRangeFilter(int[] columns, int[] low, int[] high, long[][] sets) {
        this.columns = columns;
        this.low = low;
        this.high = high;
        this.sets = sets;
    }

    /** Column {@code columns[i]} held to [{@code low[i]}, {@code high[i]}]; null when no column is given. */
    public static IntRangeFilter of(int[] columns, int[] low, int[] high) {
        if (columns.length == 0) {
            return null;
        }
        if (low.length != columns.length || high.length != columns.length) {
            throw new IllegalArgumentException("one range a column");
        }
        return new IntRangeFilter(columns.clone(), low.clone(), high.clone(), new long[columns.length][]);
    }

    /**
     * Column {@code column} held to the values {@code low + i} whose bit {@code i} of {@code bits}
     * is set (bit i of word i / 64), all of them at most {@code high}; {@code high < low}: none.
     */
    public static IntRangeFilter members(int column, int low, int high, long[] bits) {
        if (high >= low && (((long) high - low) >>> 6) >= bits.length) {
            throw new IllegalArgumentException("the set's words end before " + high);
        }
        return new IntRangeFilter(new int[]{column}, new int[]{low}, new int[]{high}, new long[][]{bits});
    }

    /** Both filters' conditions (either may be null: the other). */
    public static IntRangeFilter both(IntRangeFilter a, IntRangeFilter b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int n = a.columns.length;
        int m = b.columns.length;
        int[] columns = new int[n + m];
        int[] low = new int[n + m];
        int[] high = new int[n + m];
        long[][] sets = new long[n + m][];
        System.arraycopy(a.columns, 0, columns, 0, n);
        System.arraycopy(b.columns, 0, columns, n, m);
        System.arraycopy(a.low, 0, low, 0, n);
        System.arraycopy(b.low, 0, low, n, m);
        System.arraycopy(a.high, 0, high, 0, n);
        System.arraycopy(b.high, 0, high, n, m);
        System.arraycopy(a.sets, 0, sets, 0, n);
        System.arraycopy(b.sets, 0, sets, n, m);
        return new IntRangeFilter(columns, low, high, sets);
    }

    /**
     * The arrays of {@code block} this filter reads, one a condition (null where the block has
     * none, or where every row meets it), or {@link #NONE_PASS} when the block's least and
     * greatest values show no row passes, or null when nothing is left to skip by.
     */
    int[][] bind(Block block) {
        int[][] values = null;
        for (int k = 0; k < columns.length; k++) {
            int[] v = block.intColumn(columns[k]);
            if (v == null) {
                continue;
            }
            int c = columns[k];
            if (low[k] > high[k] || block.intMax(c) < low[k] || block.intMin(c) > high[k]) {
                return NONE_PASS;
            }
            if (sets[k] == null && block.intMin(c) >= low[k] && block.intMax(c) <= high[k]) {
                continue;   // every row of the block passes this column's range
            }
            if (values == null) {
                values = new int[columns.length][];
            }
            values[k] = v;
        }
        return values;
    }

    /** What {@link #bind} returns for a block none of whose rows passes. */
    static final int[][] NONE_PASS = new int[0][];

    /** The first entry at or after {@code from} (below {@code count}) whose values pass, or {@code count}. */
    int nextPassing(int[][] values, int from, int count) {
        int i = from;
        while (i < count) {
            int before = i;
            for (int k = 0; k < values.length && i < count; k++) {
                if (values[k] != null) {
                    i = sets[k] == null ? nextInRange(values[k], low[k], high[k], i, count)
                            : nextMember(values[k], low[k], high[k], sets[k], i, count);
                }
            }
            if (i == before) {
                return i;   // every condition holds entry i
            }
        }
        return count;
    }

    /**
     * The first entry at or after {@code from} whose value lies in [{@code low}, {@code high}], or
     * {@code count}: one unsigned comparison a value ({@code v - low} wraps below zero to above
     * {@code high - low}).
     */
    private static int nextInRange(int[] v, int low, int high, int from, int count) {
        int width = high - low;
        for (int i = from; i < count; i++) {
            if (Integer.compareUnsigned(v[i] - low, width) <= 0) {
                return i;
            }
        }
        return count;
    }

    /** The first entry at or after {@code from} whose value is in the set, or {@code count}. */
    private static int nextMember(int[] v, int low, int high, long[] bits, int from, int count) {
        int width = high - low;
        for (int i = from; i < count; i++) {
            int d = v[i] - low;
            if (Integer.compareUnsigned(d, width) <= 0 && (bits[d >>> 6] & (1L << d)) != 0) {
                return i;
            }
        }
        return count;
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < columns.length; k++) {
            s.append(k == 0 ? "" : " and ").append('$').append(columns[k]).append(" in [").append(low[k]).append(", ")
                    .append(high[k]).append(']');
            if (sets[k] != null) {
                long n = 0;
                for (long w : sets[k]) {
                    n += Long.bitCount(w);
                }
                s.append(" (").append(n).append(" values)");
            }
        }
        return s.toString();
    }
}
