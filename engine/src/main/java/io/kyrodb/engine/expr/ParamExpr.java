package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/** The {@code index}-th parameter; its value was converted to {@code type} before execution began. */
public record ParamExpr(int index, SqlType type) implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return ctx.params()[index];
    }
}
