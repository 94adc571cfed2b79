package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * Computes slots of its child's rows that no table fills: a FULL JOIN's merged USING columns,
 * {@code COALESCE(left.col, right.col)}. {@code slots[i]} gets {@code values[i]}. Not shown in
 * EXPLAIN on its own: its details go under its child's.
 */
public record FillSlotsNode(PlanNode child, int[] slots, List<BoundExpr> values) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(child);
        return () -> {
            Object[] row = in.next();
            if (row == null) {
                return null;
            }
            Object[] out = row.clone();
            for (int i = 0; i < slots.length; i++) {
                out[slots[i]] = values.get(i).eval(row, ctx);
            }
            return out;
        };
    }

    @Override
    public String describe() {
        return child.describe();
    }

    @Override
    public List<BoundExpr> expressions() {
        return values;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
