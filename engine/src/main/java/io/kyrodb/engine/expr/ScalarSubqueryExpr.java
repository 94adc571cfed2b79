package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.IndexProbe;
import io.kyrodb.engine.exec.RowIterator;
import io.kyrodb.engine.types.SqlType;

/**
 * {@code (SELECT x ...)} used as a value: the single column of its single row, NULL when it returns
 * no row, and 21000 when it returns more than one (only once it runs, as in PostgreSQL).
 * {@code count}: for a correlated {@code SELECT count(*)} of one index lookup, the probe that
 * counts its entries per outer row instead of running the plan (null: none).
 */
public record ScalarSubqueryExpr(SubPlan subPlan, SqlType type, IndexProbe count) implements BoundExpr {
    public ScalarSubqueryExpr(SubPlan subPlan, SqlType type) {
        this(subPlan, type, null);
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        if (count != null && count.runs(ctx)) {
            return count.count(row, ctx);
        }
        return subPlan.result(row, ctx, ScalarSubqueryExpr::single);
    }

    private static Object single(RowIterator rows) {
        Object[] first = rows.next();
        if (first == null) {
            return null;
        }
        if (rows.next() != null) {
            throw new KyroException(SqlState.CARDINALITY_VIOLATION,
                    "more than one row returned by a subquery used as an expression");
        }
        return first[0];
    }
}
