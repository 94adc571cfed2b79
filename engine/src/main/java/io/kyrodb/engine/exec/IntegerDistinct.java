package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.ColumnExpr;

import java.util.List;

/**
 * One execution of a {@link DistinctSlotsNode} on one integer column: each row whose value was not
 * seen yet is passed on at once, the values seen kept unboxed in one open-addressing table of longs
 * (a probe touches one array, and a new value costs no group, key object or map entry). NULL counts
 * as one more value. While that table stays within half of work_mem; past it (or at a value that
 * is not a whole number of an integer type, which the column's type rules out), the rest of the
 * input without the values already passed on goes to a {@link HashAggregation}, which spills as
 * it must: the table and that aggregation's own work_mem are the most it holds.
 */
final class IntegerDistinct implements RowIterator {
    private final ExecContext ctx;
    private final RowIterator input;
    private final ColumnExpr key;
    private final int column;
    private final int slot;
    private final int width;
    private final long budget;
    /** The values seen (0 marks a free slot; a seen 0 is {@link #zero}). */
    private long[] values = new long[64];
    private int count;
    private boolean zero;
    private boolean nullSeen;
    /** The rest of the input once the table is full, deduplicated by a hash aggregation; null before. */
    private RowIterator rest;
    /** The row that made the table overflow, to go to {@link #rest} first. */
    private Object[] pending;

    IntegerDistinct(ExecContext ctx, RowIterator input, ColumnExpr key, int slot, int width) {
        this.ctx = ctx;
        this.input = input;
        this.key = key;
        this.column = key.index();
        this.slot = slot;
        this.width = width;
        this.budget = WorkMem.budget(ctx) / 2;
    }

    @Override
    public Object[] next() {
        if (rest != null) {
            return widened(rest.next());
        }
        for (Object[] row; (row = input.next()) != null; ) {
            Object v = row[column];
            if (v == null) {
                if (!nullSeen) {
                    nullSeen = true;
                    return widen(null);
                }
                continue;
            }
            if (!LongKeyMap.integral(v) || (long) values.length * 8 > budget) {
                pending = row;
                rest = new HashAggregation(ctx, remaining(), List.of(key), List.of());
                return widened(rest.next());
            }
            if (add(((Number) v).longValue())) {
                return widen(v);
            }
        }
        values = null;
        return null;
    }

    /** The input from {@link #pending} on, without the values passed on already. */
    private RowIterator remaining() {
        return () -> {
            if (pending != null) {
                Object[] row = pending;
                pending = null;
                if (!seen(row[column])) {
                    return row;
                }
            }
            for (Object[] row; (row = input.next()) != null; ) {
                if (!seen(row[column])) {
                    return row;
                }
            }
            values = null;
            return null;
        };
    }

    private boolean seen(Object v) {
        if (v == null) {
            return nullSeen;
        }
        if (!LongKeyMap.integral(v)) {
            return false;
        }
        long x = ((Number) v).longValue();
        if (x == 0) {
            return zero;
        }
        int mask = values.length - 1;
        for (int i = GroupKey.mix(x) & mask; ; i = (i + 1) & mask) {
            long y = values[i];
            if (y == x) {
                return true;
            }
            if (y == 0) {
                return false;
            }
        }
    }

    /** Adds {@code x}; false if it was there. */
    private boolean add(long x) {
        if (x == 0) {
            boolean added = !zero;
            zero = true;
            return added;
        }
        int mask = values.length - 1;
        for (int i = GroupKey.mix(x) & mask; ; i = (i + 1) & mask) {
            long y = values[i];
            if (y == x) {
                return false;
            }
            if (y == 0) {
                values[i] = x;
                if (++count * 2 > values.length) {
                    grow();
                }
                return true;
            }
        }
    }

    private void grow() {
        long[] old = values;
        values = new long[old.length * 2];
        int mask = values.length - 1;
        for (long y : old) {
            if (y != 0) {
                int i = GroupKey.mix(y) & mask;
                while (values[i] != 0) {
                    i = (i + 1) & mask;
                }
                values[i] = y;
            }
        }
    }

    private Object[] widen(Object v) {
        Object[] out = new Object[width];
        out[slot] = v;
        return out;
    }

    /** A row of {@link #rest} (its one group value), widened; null at its end. */
    private Object[] widened(Object[] group) {
        return group == null ? null : widen(group[0]);
    }
}
