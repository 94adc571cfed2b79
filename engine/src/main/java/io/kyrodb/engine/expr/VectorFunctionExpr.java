package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/** A call of a {@link VectorFunction} (or a distance operator) on arguments already of type {@code vector}. */
public record VectorFunctionExpr(VectorFunction function, List<BoundExpr> arguments) implements BoundExpr {
    @Override
    public SqlType type() {
        return function.resultType();
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        float[] a = (float[]) arguments.get(0).eval(row, ctx);
        if (a == null) {
            return null;
        }
        float[] b = null;
        if (arguments.size() > 1) {
            b = (float[]) arguments.get(1).eval(row, ctx);
            if (b == null) {
                return null;
            }
        }
        return function.apply(a, b);
    }
}
