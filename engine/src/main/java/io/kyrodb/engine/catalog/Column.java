package io.kyrodb.engine.catalog;

import io.kyrodb.engine.types.SqlType;

/** A column of a table; primary-key columns are always {@code notNull}. */
public record Column(String name, SqlType type, boolean notNull) {
}
