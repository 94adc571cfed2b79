package io.kyrodb.engine.plan;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * INSERT, UPDATE or DELETE ... RETURNING: {@code write} makes the changes; {@code exprs} (labelled
 * by {@code columns}) are evaluated over each row it inserted, updated (the new version) or deleted.
 */
public record ReturningPlan(Plan write, List<BoundExpr> exprs, List<ResultColumn> columns) implements Plan {
}
