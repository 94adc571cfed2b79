package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A read-only view of one foreign key for metadata consumers (JDBC getImportedKeys and friends,
 * information_schema): the referencing table and columns, the referenced table and the columns
 * of its key (in the same order), the names of both constraints and the referential actions as
 * SQL says them ({@code NO ACTION}, {@code RESTRICT}, {@code CASCADE}, {@code SET NULL},
 * {@code SET DEFAULT}).
 */
public record ForeignKeyInfo(String name, String schema, String table, List<String> columns,
                             String referencedSchema, String referencedTable, List<String> referencedColumns,
                             String referencedKeyName, String updateRule, String deleteRule) {
    public ForeignKeyInfo {
        columns = List.copyOf(columns);
        referencedColumns = List.copyOf(referencedColumns);
        if (columns.size() != referencedColumns.size()) {
            throw new IllegalArgumentException("a foreign key's columns and referenced columns differ in number: "
                    + columns + " -> " + referencedColumns);
        }
    }
}
