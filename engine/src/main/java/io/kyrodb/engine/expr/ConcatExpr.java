package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

/** {@code a || b}: text concatenation; NULL if either side is NULL. */
public record ConcatExpr(BoundExpr left, BoundExpr right) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.TEXT;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object a = left.eval(row, ctx);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row, ctx);
        if (b == null) {
            return null;
        }
        return Values.toText(a) + Values.toText(b);
    }
}
