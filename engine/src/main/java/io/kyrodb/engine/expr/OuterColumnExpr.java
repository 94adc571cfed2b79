package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/**
 * A column of an enclosing query, read by a correlated subquery: the value at {@code index} of the
 * row the query {@code levelsUp + 1} levels out is on ({@code levelsUp} 0: the query whose
 * expression holds the subquery). Constant while the subquery's plan runs once.
 */
public record OuterColumnExpr(int levelsUp, int index, SqlType type, String table, String name, boolean nullable,
                              String alias) implements BoundExpr {
    public OuterColumnExpr(int levelsUp, int index, SqlType type, String table, String name, boolean nullable) {
        this(levelsUp, index, type, table, name, nullable, table);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OuterColumnExpr c && c.levelsUp == levelsUp && c.index == index && c.nullable == nullable
                && java.util.Objects.equals(c.type, type) && java.util.Objects.equals(c.table, table)
                && java.util.Objects.equals(c.name, name);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(levelsUp, index, type, table, name, nullable);
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return ctx.outerRow(levelsUp)[index];
    }
}
