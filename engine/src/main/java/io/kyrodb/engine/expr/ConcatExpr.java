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
    public Object eval(Object[] row, Object[] params) {
        Object a = left.eval(row, params);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row, params);
        if (b == null) {
            return null;
        }
        return Values.toText(a) + Values.toText(b);
    }
}
