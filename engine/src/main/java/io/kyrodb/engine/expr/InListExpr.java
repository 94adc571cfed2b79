package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.List;

/** {@code x [NOT] IN (a, b, ...)} with three-valued logic: NULL when no match and a NULL is involved. */
public record InListExpr(BoundExpr value, List<BoundExpr> list, boolean negated) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object v = value.eval(row, ctx);
        if (v == null) {
            return null;
        }
        boolean sawNull = false;
        for (BoundExpr e : list) {
            Object x = e.eval(row, ctx);
            if (x == null) {
                sawNull = true;
            } else if (Values.compare(v, x) == 0) {
                return !negated;
            }
        }
        return sawNull ? null : negated;
    }
}
