package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.List;

/** A call of a {@link Builtin} on bound arguments already converted to the types it takes. */
public record BuiltinExpr(Builtin function, List<BoundExpr> arguments, SqlType type) implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).eval(row, ctx);
            if (values[i] == null && function.strict()) {
                return null;
            }
        }
        return function instanceof ContextBuiltin c ? c.apply(values, type, ctx) : function.apply(values, type);
    }
}
