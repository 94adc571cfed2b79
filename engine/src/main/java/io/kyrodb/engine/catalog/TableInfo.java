package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A read-only view of one table's definition for metadata consumers (JDBC DatabaseMetaData, the
 * shell). {@code primaryKey} lists the key's column names in key order, empty when there is none.
 */
public record TableInfo(String schema, String name, List<ColumnInfo> columns, List<String> primaryKey) {
}
