package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;

/** DELETE; {@code referencing}: the rules of the tables whose foreign keys reach the target ({@link TableRules}). */
public record DeletePlan(Table table, RowTarget target, java.util.Map<String, TableRules> referencing) implements Plan {
    public DeletePlan(Table table, RowTarget target) {
        this(table, target, TableRules.NONE);
    }
}
