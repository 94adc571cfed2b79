package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/** A call of a {@link ContainerFunction} (or one of its operators) on arguments already of its parameter types. */
public record ContainerFunctionExpr(ContainerFunction function, List<BoundExpr> arguments, SqlType type)
        implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
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
