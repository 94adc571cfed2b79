package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/** {@code AND}/{@code OR} with SQL's three-valued logic. */
public record LogicalExpr(boolean isAnd, BoundExpr left, BoundExpr right) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object a = left.eval(row, ctx);
        if (isAnd) {
            if (Boolean.FALSE.equals(a)) {
                return false;
            }
            Object b = right.eval(row, ctx);
            if (Boolean.FALSE.equals(b)) {
                return false;
            }
            return a == null || b == null ? null : Boolean.TRUE;
        }
        if (Boolean.TRUE.equals(a)) {
            return true;
        }
        Object b = right.eval(row, ctx);
        if (Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : Boolean.FALSE;
    }
}
