package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;

/**
 * What the catalog says about one column; {@code ordinal} counts from 1 as in JDBC; {@code generated}:
 * a GENERATED ALWAYS AS (...) STORED column; {@code defaultText}: its default as PostgreSQL shows it
 * ({@link Column#defaultText}), or null; {@code autoIncrement}: an identity or SERIAL column.
 */
public record ColumnInfo(String name, SqlType type, boolean nullable, int ordinal, boolean generated,
                         String defaultText, boolean autoIncrement) {
    public ColumnInfo(String name, SqlType type, boolean nullable, int ordinal) {
        this(name, type, nullable, ordinal, false, null, false);
    }
}
