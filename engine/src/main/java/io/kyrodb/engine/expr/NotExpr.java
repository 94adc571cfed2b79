package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

public record NotExpr(BoundExpr operand) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, Object[] params) {
        Object v = operand.eval(row, params);
        return v == null ? null : !(Boolean) v;
    }
}
