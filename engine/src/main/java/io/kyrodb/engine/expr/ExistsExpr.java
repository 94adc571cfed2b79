package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/** {@code EXISTS (SELECT ...)}: whether the subquery returns a row; never NULL. Reads at most one row. */
public record ExistsExpr(SubPlan subPlan) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return subPlan.result(row, ctx, rows -> rows.next() != null);
    }
}
