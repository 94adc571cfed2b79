package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;

public record DeletePlan(Table table, RowTarget target) implements Plan {
}
