package io.kyrodb.engine.storage.run;

/**
 * Integer columns each held to a closed range ({@code customer_id < 200} is column 1 in
 * [MIN_VALUE, 199]): what a scan's filter says of a row's integer columns, handed down to a run
 * so that a decoded block skips the rows that fail it by reading its integer column arrays
 * ({@link Block#intColumn}) instead of each row and its boxed values. It only skips: the filter
 * above the scan still tests every row that comes up, so a block without those arrays, or a
 * source that cannot skip, returns every row and the answer is the same.
 */
public final class IntRangeFilter {
    private final int[] columns;
    private final int[] low;
    private final int[] high;

    private IntRangeFilter(int[] columns, int[] low, int[] high) {
        this.columns = columns;
        this.low = low;
        this.high = high;
    }

    /** Column {@code columns[i]} held to [{@code low[i]}, {@code high[i]}]; null when no column is given. */
    public static IntRangeFilter of(int[] columns, int[] low, int[] high) {
        if (columns.length == 0) {
            return null;
        }
        if (low.length != columns.length || high.length != columns.length) {
            throw new IllegalArgumentException("one range a column");
        }
        return new IntRangeFilter(columns.clone(), low.clone(), high.clone());
    }

    /**
     * The arrays of {@code block} this filter reads, one a column (null where the block has none),
     * or {@link #NONE_PASS} when the block's least and greatest values show no row passes, or
     * null when the block has none of the arrays (nothing to skip by).
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
            if (block.intMin(c) >= low[k] && block.intMax(c) <= high[k]) {
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
                    i = nextInRange(values[k], low[k], high[k], i, count);
                }
            }
            if (i == before) {
                return i;   // every column's range holds entry i
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

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < columns.length; k++) {
            s.append(k == 0 ? "" : " and ").append('$').append(columns[k]).append(" in [").append(low[k]).append(", ")
                    .append(high[k]).append(']');
        }
        return s.toString();
    }
}
