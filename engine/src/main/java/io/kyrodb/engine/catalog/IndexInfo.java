package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A read-only view of one secondary index for metadata consumers (JDBC getIndexInfo, the shell):
 * its name, whether it is UNIQUE, and its columns in index order with their directions (an expression's
 * text as pg_get_indexdef shows it, in place of a column name); a partial index's predicate, else null;
 * its access method ({@code btree} or {@code gin}) and the operator class written for its key, if any.
 */
public record IndexInfo(String name, boolean unique, List<String> columns, List<Boolean> descending,
                        String predicate, List<Boolean> expression, List<Boolean> nullsFirst, int include,
                        String method, String opclass) {
    /** A btree index (no operator class named). */
    public IndexInfo(String name, boolean unique, List<String> columns, List<Boolean> descending, String predicate,
                     List<Boolean> expression, List<Boolean> nullsFirst, int include) {
        this(name, unique, columns, descending, predicate, expression, nullsFirst, include, "btree", null);
    }

    /** {@code nullsFirst}: per part, whether NULLs come first; {@code include}: how many of the last parts are INCLUDE columns. */
    public IndexInfo(String name, boolean unique, List<String> columns, List<Boolean> descending, String predicate,
                     List<Boolean> expression) {
        this(name, unique, columns, descending, predicate, expression, descending, 0);
    }

    public IndexInfo(String name, boolean unique, List<String> columns, List<Boolean> descending) {
        this(name, unique, columns, descending, null, columns.stream().map(c -> false).toList());
    }

    /** Whether every key part is a column and every row is indexed (what a UNIQUE constraint is). */
    public boolean plain() {
        return predicate == null && !expression.contains(true);
    }
}
