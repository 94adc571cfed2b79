package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;

/**
 * CREATE [UNIQUE] INDEX: {@code columns} are positions in {@code table} (-1 where {@code expressions}
 * holds an expression's SQL text; null when there is none), {@code predicate} a partial index's
 * condition (SQL text) or null; with {@code ifNotExists} a name already taken makes it do nothing.
 */
public record CreateIndexPlan(String name, Table table, int[] columns, boolean[] descending, boolean unique,
                              boolean ifNotExists, String[] expressions, String predicate) implements Plan {
    public CreateIndexPlan(String name, Table table, int[] columns, boolean[] descending, boolean unique,
                           boolean ifNotExists) {
        this(name, table, columns, descending, unique, ifNotExists, null, null);
    }
}
