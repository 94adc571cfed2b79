package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;

/**
 * CREATE [UNIQUE] INDEX: {@code columns} are positions in {@code table}; with {@code ifNotExists}
 * a name already taken makes it do nothing.
 */
public record CreateIndexPlan(String name, Table table, int[] columns, boolean[] descending, boolean unique,
                              boolean ifNotExists) implements Plan {
}
