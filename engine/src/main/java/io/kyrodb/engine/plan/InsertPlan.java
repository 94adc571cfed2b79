package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * INSERT: {@code rows} hold one expression per table column (NULL constants for columns not named),
 * already converted to the column types. With {@code source} (INSERT ... SELECT) there is one row
 * of expressions, evaluated over each row the source query yields; without it (VALUES) the
 * expressions read no input row. {@code conflict} is null without ON CONFLICT. {@code checks}: the
 * table's CHECK constraints, which every inserted (or ON CONFLICT updated) row must pass.
 */
public record InsertPlan(Table table, List<List<BoundExpr>> rows, PlanNode source, InsertConflict conflict,
                         List<RowCheck> checks) implements Plan {
    public InsertPlan(Table table, List<List<BoundExpr>> rows, PlanNode source, InsertConflict conflict) {
        this(table, rows, source, conflict, List.of());
    }

    public InsertPlan(Table table, List<List<BoundExpr>> rows) {
        this(table, rows, null, null);
    }
}
