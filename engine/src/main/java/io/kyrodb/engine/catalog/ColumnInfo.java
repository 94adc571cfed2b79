package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;

/** What the catalog says about one column; {@code ordinal} counts from 1 as in JDBC. */
public record ColumnInfo(String name, SqlType type, boolean nullable, int ordinal) {
}
