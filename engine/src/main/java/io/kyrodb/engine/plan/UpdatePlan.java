package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * UPDATE: for each row matching {@code target}, the new row is {@code values} evaluated against the
 * old one ({@code values} has one expression per table column; untouched columns are column refs).
 */
public record UpdatePlan(Table table, RowTarget target, List<BoundExpr> values, List<RowCheck> checks,
                         java.util.Map<String, TableRules> referencing) implements Plan {
    public UpdatePlan(Table table, RowTarget target, List<BoundExpr> values, List<RowCheck> checks) {
        this(table, target, values, checks, TableRules.NONE);
    }

    public UpdatePlan(Table table, RowTarget target, List<BoundExpr> values) {
        this(table, target, values, List.of());
    }
}
