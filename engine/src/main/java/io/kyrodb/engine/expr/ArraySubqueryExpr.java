package io.kyrodb.engine.expr;

import io.kyrodb.engine.exec.RowIterator;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ARRAY(SELECT x ...)}: the subquery's single column, every row, as an array (empty when it
 * returns no row); {@code v op ANY (SELECT ...)} compares {@code v} with it through {@link QuantifiedExpr}.
 */
public record ArraySubqueryExpr(SubPlan subPlan, SqlType type) implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return subPlan.result(row, ctx, ArraySubqueryExpr::collect);
    }

    private static SqlArray collect(RowIterator rows) {
        List<Object> out = new ArrayList<>();
        for (Object[] r = rows.next(); r != null; r = rows.next()) {
            out.add(r[0]);
        }
        return SqlArray.of(out);
    }
}
