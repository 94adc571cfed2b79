package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/**
 * A column of an enclosing query, read by a correlated subquery: the value at {@code index} of the
 * row the query {@code levelsUp + 1} levels out is on ({@code levelsUp} 0: the query whose
 * expression holds the subquery). Constant while the subquery's plan runs once.
 */
public record OuterColumnExpr(int levelsUp, int index, SqlType type, String table, String name, boolean nullable)
        implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return ctx.outerRow(levelsUp)[index];
    }
}
