package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;

/**
 * A column of a table; primary-key columns are always {@code notNull}. {@code defaultSql} is the
 * DEFAULT expression's SQL text (bound anew by each statement that uses it), null without one;
 * {@code identity} is null unless the column is GENERATED ... AS IDENTITY (its default is then
 * {@code nextval} of the table's sequence {@code table_column_seq}).
 */
public record Column(String name, SqlType type, boolean notNull, String defaultSql, Identity identity,
                     String generatedSql) {
    /** GENERATED ALWAYS (explicit values need OVERRIDING SYSTEM VALUE) or BY DEFAULT. */
    public enum Identity { ALWAYS, BY_DEFAULT }

    /**
     * {@code generatedSql}: the SQL text of a GENERATED ALWAYS AS (expr) STORED column's expression
     * over the other columns of its row (computed whenever the row is written), null otherwise.
     */
    public Column(String name, SqlType type, boolean notNull, String defaultSql, Identity identity) {
        this(name, type, notNull, defaultSql, identity, null);
    }

    public boolean generated() {
        return generatedSql != null;
    }

    /** This column with NOT NULL set as given (everything else kept). */
    public Column withNotNull(boolean value) {
        return new Column(name, type, value, defaultSql, identity, generatedSql);
    }

    public Column(String name, SqlType type, boolean notNull) {
        this(name, type, notNull, null, null);
    }

    public boolean hasDefault() {
        return defaultSql != null;
    }

    public Column withName(String newName) {
        return new Column(newName, type, notNull, defaultSql, identity, generatedSql);
    }
}
