package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;

/**
 * A column of a table; primary-key columns are always {@code notNull}. {@code defaultSql} is the
 * DEFAULT expression's SQL text (bound anew by each statement that uses it), null without one;
 * {@code identity} is null unless the column is GENERATED ... AS IDENTITY (its default is then
 * {@code nextval} of the table's sequence {@code table_column_seq}).
 */
public record Column(String name, SqlType type, boolean notNull, String defaultSql, Identity identity) {
    /** GENERATED ALWAYS (explicit values need OVERRIDING SYSTEM VALUE) or BY DEFAULT. */
    public enum Identity { ALWAYS, BY_DEFAULT }

    public Column(String name, SqlType type, boolean notNull) {
        this(name, type, notNull, null, null);
    }

    public boolean hasDefault() {
        return defaultSql != null;
    }

    public Column withName(String newName) {
        return new Column(newName, type, notNull, defaultSql, identity);
    }
}
