package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.Objects;

/**
 * The value at {@code index} of the input row; {@code table}/{@code name} are for result metadata,
 * {@code alias} is the FROM item's name in the query (EXPLAIN qualifies columns with it). Two
 * columns are equal whatever their alias: bindings of the same column match (GROUP BY, indexes).
 */
public record ColumnExpr(int index, SqlType type, String table, String name, boolean nullable, String alias)
        implements BoundExpr {
    public ColumnExpr(int index, SqlType type, String table, String name, boolean nullable) {
        this(index, type, table, name, nullable, table);
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return row[index];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnExpr c && c.index == index && c.nullable == nullable && Objects.equals(c.type, type)
                && Objects.equals(c.table, table) && Objects.equals(c.name, name);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, type, table, name, nullable);
    }
}
