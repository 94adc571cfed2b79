package io.kyrodb.engine.expr;

import io.kyrodb.engine.catalog.system.SystemContext;
import io.kyrodb.engine.types.SqlType;

import java.util.List;

/** A call of a {@link CatalogFunction} in the session {@code session} describes (its user, its settings). */
public record CatalogFunctionExpr(CatalogFunction function, List<BoundExpr> arguments, SqlType type,
                                  SystemContext session) implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object[] values = new Object[arguments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = arguments.get(i).eval(row, ctx);
            if (values[i] == null && function.strict()) {
                return null;
            }
        }
        return function.apply(values, session);
    }
}
