package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/** {@code x IS [NOT] TRUE|FALSE}: never NULL. */
public record IsBooleanExpr(BoundExpr operand, boolean value, boolean negated) implements BoundExpr {
    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object v = operand.eval(row, ctx);
        return (v != null && (Boolean) v == value) != negated;
    }
}
