package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/** A call of a scalar function on bound arguments (already converted to its parameter types). */
public record FunctionExpr(ScalarFunction function, List<BoundExpr> arguments, SqlType type) implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        if (function == ScalarFunction.COALESCE) {
            // PostgreSQL computes arguments only until one is not NULL: COALESCE(1, 1/0) is 1
            for (BoundExpr a : arguments) {
                Object v = a.eval(row, ctx);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).eval(row, ctx);
            if (values[i] == null && function.strict()) {
                return null;
            }
        }
        return function.apply(values, type);
    }
}
