package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

public record NotExpr(BoundExpr operand) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object v = operand.eval(row, ctx);
        return v == null ? null : !(Boolean) v;
    }
}
