package io.kyrodb.engine.plan;

import io.kyrodb.engine.expr.BoundExpr;

/**
 * A rule every written row of a table obeys, bound over that row: a CHECK constraint (the row
 * violates it when {@code condition} is false; {@code generates} -1), or a generated column
 * ({@code generates} its position; {@code condition} its expression, already cast to the column's
 * type, whose value the row is given before it is checked or stored).
 */
public record RowCheck(String name, BoundExpr condition, int generates) {
    public RowCheck(String name, BoundExpr condition) {
        this(name, condition, -1);
    }

    public boolean isGenerated() {
        return generates >= 0;
    }
}
