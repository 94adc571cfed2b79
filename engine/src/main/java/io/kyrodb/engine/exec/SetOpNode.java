package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * INTERSECT [ALL] and EXCEPT [ALL] of two inputs with the same columns, by sorting (as
 * PostgreSQL's sorted SetOp): each row is tagged with the side it came from, all rows are sorted
 * by every column through {@link ExternalSort} (so within {@code work_mem}, spilling past it), and
 * each group of equal rows (NULLs equal) yields, for {@code l} rows from the left and {@code r}
 * from the right: INTERSECT one row if both are positive, INTERSECT ALL {@code min(l, r)}, EXCEPT
 * one row if {@code r = 0 < l}, EXCEPT ALL {@code max(l - r, 0)}. Output comes in sort order.
 */
public record SetOpNode(PlanNode left, PlanNode right, boolean except, boolean all, int width) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator tagged = tagged(ctx);
        RowIterator sorted = ExternalSort.sort(tagged, order(width), ctx);
        return new RowIterator() {
            private Object[] pending = sorted.next();
            private Object[] group;
            private long repeat;

            @Override
            public Object[] next() {
                while (repeat == 0) {
                    if (pending == null) {
                        return null;
                    }
                    ctx.checkCancel();
                    group = pending;
                    long l = 0;
                    long r = 0;
                    Comparator<Object[]> order = order(width);
                    while (pending != null && order.compare(pending, group) == 0) {
                        if ((Integer) pending[width] == 0) {
                            l++;
                        } else {
                            r++;
                        }
                        pending = sorted.next();
                    }
                    repeat = copies(l, r);
                }
                repeat--;
                return Arrays.copyOf(group, width);
            }
        };
    }

    private long copies(long l, long r) {
        if (except) {
            return all ? Math.max(l - r, 0) : (l > 0 && r == 0 ? 1 : 0);
        }
        return all ? Math.min(l, r) : (l > 0 && r > 0 ? 1 : 0);
    }

    /** The left rows, then the right ones, each with one more column: 0 for left, 1 for right. */
    private RowIterator tagged(ExecContext ctx) {
        RowIterator l = ctx.open(left);
        return new RowIterator() {
            private RowIterator in = l;
            private int side;

            @Override
            public Object[] next() {
                while (true) {
                    Object[] row = in.next();
                    if (row != null) {
                        Object[] out = Arrays.copyOf(row, width + 1);
                        out[width] = side;
                        return out;
                    }
                    if (side == 1) {
                        return null;
                    }
                    side = 1;
                    in = ctx.open(right);
                }
            }
        };
    }

    /** Every column ascending, NULLs after values (and equal to each other). */
    private static Comparator<Object[]> order(int width) {
        return (a, b) -> {
            for (int i = 0; i < width; i++) {
                Object x = a[i];
                Object y = b[i];
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    return x == null ? 1 : -1;
                }
                int c = Values.compare(x, y);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    @Override
    public String describe() {
        return "SetOp " + (except ? "Except" : "Intersect") + (all ? " All" : "");
    }

    @Override
    public List<PlanNode> children() {
        return List.of(left, right);
    }
}
