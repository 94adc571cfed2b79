package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/** A call of a {@link VectorFunction} (or a distance operator) on arguments already of its parameter types. */
public record VectorFunctionExpr(VectorFunction function, List<BoundExpr> arguments) implements BoundExpr {
    @Override
    public SqlType type() {
        return function.resultType();
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).eval(row, ctx);
            if (values[i] == null) {
                return null;
            }
        }
        return function.apply(values);
    }
}
