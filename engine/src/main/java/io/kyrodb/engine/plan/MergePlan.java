package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;
import java.util.Map;

/**
 * MERGE: {@code join} yields each source row, LEFT JOINed with the target rows the ON condition
 * matches; the target's columns stand at {@code targetOffset} of the joined row (all NULL when no
 * target row matched). For each joined row the first of {@code clauses} of its kind (matched or not)
 * whose condition holds decides what happens. {@code checks} and {@code referencing} are the
 * target's CHECK constraints and the rules of the tables whose foreign keys reach it.
 */
public record MergePlan(Table table, PlanNode join, int targetOffset, int matchedSlot, List<Clause> clauses, List<RowCheck> checks,
                        Map<String, TableRules> referencing) implements Plan {

    public enum Action { UPDATE, DELETE, INSERT, NOTHING }

    /**
     * One WHEN clause; {@code condition} null when none was written. {@code values}: for UPDATE and
     * INSERT one expression per target column over the joined row (the new row), else empty.
     */
    public record Clause(boolean matched, BoundExpr condition, Action action, List<BoundExpr> values) {
    }
}
