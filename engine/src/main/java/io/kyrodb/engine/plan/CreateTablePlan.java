package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Column;

import java.util.List;

public record CreateTablePlan(String name, boolean ifNotExists, List<Column> columns, int[] primaryKey)
        implements Plan {
}
