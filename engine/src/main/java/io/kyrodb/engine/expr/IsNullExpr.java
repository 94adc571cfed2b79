package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

public record IsNullExpr(BoundExpr operand, boolean negated) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return (operand.eval(row, ctx) == null) != negated;
    }
}
