package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;

/**
 * CREATE [UNIQUE] INDEX: {@code columns} are positions in {@code table} (-1 where {@code expressions}
 * holds an expression's SQL text; null when there is none), {@code predicate} a partial index's
 * condition (SQL text) or null; with {@code ifNotExists} a name already taken makes it do nothing.
 */
public record CreateIndexPlan(String name, Table table, int[] columns, boolean[] descending, boolean unique,
                              boolean ifNotExists, String[] expressions, String predicate, String replaces,
                              io.kyrodb.engine.catalog.IndexShape shape)
        implements Plan {
    /** The same index built again under {@code newName} in place of {@code replaces} (ALTER INDEX RENAME, REINDEX). */
    public CreateIndexPlan(String name, Table table, io.kyrodb.engine.catalog.Index old) {
        this(name, table, old.columns(), old.descending(), old.unique(), false, old.expressions(), old.predicate(),
                old.name(), old.shape());
    }

    /**
     * {@code replaces}: an index dropped first, in the same statement (ALTER INDEX ... RENAME TO and
     * REINDEX build the same definition again, under the new name or the same one), or null.
     */
    public CreateIndexPlan(String name, Table table, int[] columns, boolean[] descending, boolean unique,
                           boolean ifNotExists, String[] expressions, String predicate) {
        this(name, table, columns, descending, unique, ifNotExists, expressions, predicate, null,
                io.kyrodb.engine.catalog.IndexShape.NONE);
    }

    public CreateIndexPlan(String name, Table table, int[] columns, boolean[] descending, boolean unique,
                           boolean ifNotExists) {
        this(name, table, columns, descending, unique, ifNotExists, null, null);
    }
}
