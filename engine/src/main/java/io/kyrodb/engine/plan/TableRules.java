package io.kyrodb.engine.plan;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;
import java.util.Map;

/**
 * What a DELETE or UPDATE needs to carry out ON DELETE / ON UPDATE actions in the tables that
 * reference its target (and those that reference them, and so on): each such table's CHECK
 * constraints and column defaults (for SET DEFAULT), bound by the binder, by table name.
 */
public record TableRules(List<RowCheck> checks, List<BoundExpr> defaults) {
    /** No table references the target: nothing to carry out. */
    public static final Map<String, TableRules> NONE = Map.of();
}
