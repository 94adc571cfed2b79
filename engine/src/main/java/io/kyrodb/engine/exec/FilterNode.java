package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ExprTree;

import java.util.List;

/**
 * Passes the rows for which {@code predicate} is TRUE (not FALSE, not NULL).
 *
 * <p>Over a {@link WidenNode} (a table's rows placed in a join's layout) it tests each row in one
 * wide row of its own, reused, and widens only the rows that pass: a join's scan then allocates
 * for the rows it keeps, not for every row it reads. Not when the predicate holds a subquery (its
 * plan runs with the row as its outer row) or when EXPLAIN ANALYZE measures each operator.
 *
 * <p>Over a sequential scan (or a widened one) it hands the scan the ranges its condition sets on
 * integer columns ({@link IntRangePushdown}): the table's cached blocks skip the rows outside them
 * without reading those rows. Not when EXPLAIN ANALYZE measures each operator (the scan's row count
 * and Rows Removed by Filter are then what PostgreSQL reports: every row read, and those removed).
 */
public record FilterNode(PlanNode child, BoundExpr predicate) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowPredicate condition = RowPredicate.of(predicate, ctx);
        if (child instanceof WidenNode widen && ctx.instrumentation() == null && ExprTree.subPlans(predicate).isEmpty()) {
            return widenPassing(widen, condition, ctx);
        }
        RowIterator in = child instanceof ScanNode scan && ctx.instrumentation() == null
                ? scan.open(ctx, IntRangePushdown.of(predicate, ctx, 0, scan.table().columns().size()))
                : ctx.open(child);
        return () -> {
            Object[] row;
            while ((row = in.next()) != null) {
                ctx.checkCancel();
                if (condition.test(row, ctx) == RowPredicate.TRUE) {
                    return row;
                }
            }
            return null;
        };
    }

    private RowIterator widenPassing(WidenNode widen, RowPredicate condition, ExecContext ctx) {
        RowIterator in = widen.child() instanceof ScanNode scan
                ? scan.open(ctx, IntRangePushdown.of(predicate, ctx, widen.offset(), scan.table().columns().size()))
                : ctx.open(widen.child());
        Object[] scratch = new Object[widen.width()];
        int offset = widen.offset();
        return new RowIterator() {
            private int filled;

            @Override
            public Object[] next() {
                Object[] row;
                while ((row = in.next()) != null) {
                    ctx.checkCancel();
                    System.arraycopy(row, 0, scratch, offset, row.length);
                    if (row.length < filled) {
                        java.util.Arrays.fill(scratch, offset + row.length, offset + filled, null);
                    }
                    filled = row.length;
                    if (condition.test(scratch, ctx) == RowPredicate.TRUE) {
                        return widen.widen(row);
                    }
                }
                return null;
            }
        };
    }

    @Override
    public String describe() {
        return "Filter";
    }

    @Override
    public List<BoundExpr> expressions() {
        return List.of(predicate);
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
