package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

/** The value at {@code index} of the input row; {@code table}/{@code name} are for result metadata. */
public record ColumnExpr(int index, SqlType type, String table, String name, boolean nullable) implements BoundExpr {
    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        return row[index];
    }
}
