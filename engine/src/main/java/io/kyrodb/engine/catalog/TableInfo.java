package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A read-only view of one table's definition for metadata consumers (JDBC DatabaseMetaData, the
 * shell). {@code indexes} are its secondary indexes, by name. {@code primaryKey} lists the key's column names in key order, empty when there is none.
 */
public record TableInfo(String schema, String name, List<ColumnInfo> columns, List<String> primaryKey,
                        List<IndexInfo> indexes) {
    /** A table without secondary indexes. */
    public TableInfo(String schema, String name, List<ColumnInfo> columns, List<String> primaryKey) {
        this(schema, name, columns, primaryKey, List.of());
    }

    public TableInfo withIndexes(List<IndexInfo> indexes) {
        return new TableInfo(schema, name, columns, primaryKey, List.copyOf(indexes));
    }
}
