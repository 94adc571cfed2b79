package io.kyrodb.engine.plan;

import io.kyrodb.engine.expr.BoundExpr;

/**
 * A rule every written row of a table obeys, bound over that row: a CHECK constraint (the row
 * violates it when {@code condition} is false; {@code generates} -1), or a generated column
 * ({@code generates} its position; {@code condition} its expression, already cast to the column's
 * type, whose value the row is given before it is checked or stored).
 */
public record RowCheck(String name, BoundExpr condition, int generates, boolean viewCheck) {
    public RowCheck(String name, BoundExpr condition, int generates) {
        this(name, condition, generates, false);
    }

    public RowCheck(String name, BoundExpr condition) {
        this(name, condition, -1);
    }

    /**
     * WITH CHECK OPTION of view {@code view}: the written row must be visible through it
     * ({@code condition} true; false or NULL is 44000).
     */
    public static RowCheck viewCheck(String view, BoundExpr condition) {
        return new RowCheck(view, condition, -1, true);
    }

    public boolean isGenerated() {
        return generates >= 0;
    }
}
