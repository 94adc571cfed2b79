package io.kyrodb.engine.plan;

import io.kyrodb.engine.expr.BoundExpr;

/** A CHECK constraint bound over a row of its table: the row violates it when {@code condition} is false. */
public record RowCheck(String name, BoundExpr condition) {
}
