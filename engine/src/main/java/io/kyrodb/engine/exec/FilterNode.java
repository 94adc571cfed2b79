package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/** Passes the rows for which {@code predicate} is TRUE (not FALSE, not NULL). */
public record FilterNode(PlanNode child, BoundExpr predicate) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(child);
        RowPredicate condition = RowPredicate.of(predicate, ctx);
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
