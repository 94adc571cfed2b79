package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

public record ConstExpr(Object value, SqlType type) implements BoundExpr {
    public static final ConstExpr NULL = new ConstExpr(null, SqlType.UNKNOWN);

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return value;
    }

    @Override
    public boolean isConstant() {
        return true;
    }
}
