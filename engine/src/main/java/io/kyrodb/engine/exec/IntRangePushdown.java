package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.storage.run.IntRangeFilter;

import java.util.TreeMap;

/**
 * What a sequential scan's filter says of integer columns, for one execution (parameter values
 * known): each top-level AND conjunct {@code column op c} with an INTEGER constant or parameter
 * {@code c} and {@code op} one of {@code = < <= > >=} narrows that column's range, and the scan
 * hands the ranges to the table ({@link io.kyrodb.engine.storage.TableData#rows(io.kyrodb.engine.storage.ReadView,
 * IntRangeFilter)}), whose cached blocks then skip the rows outside them by reading integer
 * arrays instead of rows. Only a row some conjunct makes FALSE or NULL (its column NULL) is
 * skipped: one the whole condition would reject too, as it passes only TRUE (SQL leaves the order
 * in which conjuncts are evaluated open, so a conjunct's error on a skipped row may not be raised,
 * as in PostgreSQL). The filter still tests every row that comes up.
 */
final class IntRangePushdown {
    private IntRangePushdown() {
    }

    /**
     * The ranges {@code predicate} sets on the columns of a scan whose row starts at slot
     * {@code offset} of the rows the predicate reads and is {@code width} columns wide; null
     * when it sets none.
     */
    static IntRangeFilter of(BoundExpr predicate, ExecContext ctx, int offset, int width) {
        TreeMap<Integer, long[]> ranges = new TreeMap<>();
        for (BoundExpr e : ExprTree.conjuncts(predicate)) {
            ColumnVersus c = ColumnVersus.of(e);
            int slot = c == null ? -1 : c.slot() - offset;
            if (slot < 0 || slot >= width || !(c.value().eval(null, ctx) instanceof Integer v)) {
                continue;
            }
            long low;
            long high;
            switch (c.op()) {
                case EQ -> { low = v; high = v; }
                case LT -> { low = Integer.MIN_VALUE; high = (long) v - 1; }
                case LE -> { low = Integer.MIN_VALUE; high = v; }
                case GT -> { low = (long) v + 1; high = Integer.MAX_VALUE; }
                case GE -> { low = v; high = Integer.MAX_VALUE; }
                default -> {
                    continue;
                }
            }
            long[] range = ranges.computeIfAbsent(slot, k -> new long[]{Integer.MIN_VALUE, Integer.MAX_VALUE});
            range[0] = Math.max(range[0], low);
            range[1] = Math.min(range[1], high);
        }
        if (ranges.isEmpty()) {
            return null;
        }
        int[] columns = new int[ranges.size()];
        int[] lows = new int[columns.length];
        int[] highs = new int[columns.length];
        int k = 0;
        for (var r : ranges.entrySet()) {
            columns[k] = r.getKey();
            long[] range = r.getValue();
            boolean empty = range[0] > range[1];   // x < MIN_VALUE, or x > 5 AND x < 3: no row passes
            lows[k] = empty ? 1 : (int) range[0];
            highs[k] = empty ? 0 : (int) range[1];
            k++;
        }
        return IntRangeFilter.of(columns, lows, highs);
    }

}
