package io.kyrodb.engine.expr;

import io.kyrodb.engine.exec.IndexProbe;
import io.kyrodb.engine.types.SqlType;

/**
 * {@code EXISTS (SELECT ...)}: whether the subquery returns a row; never NULL. Reads at most one row.
 * {@code probe}: for a correlated test of one index lookup, the probe that looks for an entry per
 * outer row instead of running the plan (null: none).
 */
public record ExistsExpr(SubPlan subPlan, IndexProbe probe) implements BoundExpr {
    public ExistsExpr(SubPlan subPlan) {
        this(subPlan, null);
    }

    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        if (probe != null && probe.runs(ctx)) {
            return probe.exists(row, ctx);
        }
        return subPlan.result(row, ctx, rows -> rows.next() != null);
    }
}
