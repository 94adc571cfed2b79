package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Column;

import java.util.List;

/** CREATE TABLE; each of {@code unique} (its UNIQUE constraints) becomes a UNIQUE index of the new table. */
public record CreateTablePlan(String name, boolean ifNotExists, List<Column> columns, int[] primaryKey,
                              List<UniqueKey> unique) implements Plan {
    public CreateTablePlan(String name, boolean ifNotExists, List<Column> columns, int[] primaryKey) {
        this(name, ifNotExists, columns, primaryKey, List.of());
    }

    /** A UNIQUE constraint: the name of its index and the table columns it covers. */
    public record UniqueKey(String name, int[] columns) {
    }
}
