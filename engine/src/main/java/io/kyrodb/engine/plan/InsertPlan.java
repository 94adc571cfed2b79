package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * INSERT ... VALUES: {@code rows} hold one expression per table column (NULL constants for columns
 * not named), already converted to the column types.
 */
public record InsertPlan(Table table, List<List<BoundExpr>> rows) implements Plan {
}
