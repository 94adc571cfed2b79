package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/** Passes the rows for which {@code predicate} is TRUE (not FALSE, not NULL). */
public record FilterNode(PlanNode child, BoundExpr predicate) implements PlanNode {
    @Override
    public RowIterator open(Object[] params) {
        RowIterator in = child.open(params);
        return () -> {
            Object[] row;
            while ((row = in.next()) != null) {
                if (Boolean.TRUE.equals(predicate.eval(row, params))) {
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
    public List<PlanNode> children() {
        return List.of(child);
    }
}
