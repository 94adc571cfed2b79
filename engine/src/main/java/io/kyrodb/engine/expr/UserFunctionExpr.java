package io.kyrodb.engine.expr;

import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.catalog.system.SystemContext;
import io.kyrodb.engine.types.SqlType;

import java.util.List;

/**
 * A call of a user function (CREATE FUNCTION ... LANGUAGE plpgsql): the session that runs the
 * statement ({@code session}'s calls) interprets its body. Volatile: evaluated once per row.
 */
public record UserFunctionExpr(UserFunction function, List<BoundExpr> arguments, SqlType type, SystemContext session)
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
        return session.calls().callFunction(function, values);
    }
}
