package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.ForeignKeyInfo;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The one place that lists a catalog's foreign keys for metadata: JDBC's getImportedKeys,
 * getExportedKeys and getCrossReference, and information_schema's table_constraints,
 * key_column_usage and referential_constraints all read them from here, by name. The referenced
 * key is the referenced table's primary key ({@code <table>_pkey}) or the UNIQUE index on the
 * referenced columns.
 */
public final class ForeignKeys {
    private ForeignKeys() {
    }

    public static List<ForeignKeyInfo> of(Catalog catalog) {
        List<ForeignKeyInfo> out = new ArrayList<>();
        for (Table t : catalog.tables()) {
            for (ForeignKey f : t.foreignKeys()) {
                Table ref = catalog.table(f.refTable());
                if (ref == null) {
                    continue;
                }
                out.add(new ForeignKeyInfo(f.name(), SchemaNames.schemaOf(t.name()), SchemaNames.localOf(t.name()),
                        names(t, f.columns()), SchemaNames.schemaOf(ref.name()), SchemaNames.localOf(ref.name()),
                        names(ref, f.refColumns()), keyName(catalog, ref, f.refColumns()),
                        f.onUpdate().sql().toUpperCase(Locale.ROOT), f.onDelete().sql().toUpperCase(Locale.ROOT)));
            }
        }
        return out;
    }

    private static List<String> names(Table t, int[] columns) {
        List<String> out = new ArrayList<>();
        for (int c : columns) {
            out.add(t.columns().get(c).name());
        }
        return out;
    }

    /** The name of the primary key or unique index on {@code ref} that a foreign key to {@code refColumns} uses. */
    static String keyName(Catalog catalog, Table ref, int[] refColumns) {
        if (Arrays.equals(ref.primaryKey(), refColumns)) {
            return SchemaNames.localOf(ref.name()) + "_pkey";
        }
        for (Index i : catalog.indexesOf(ref.name())) {
            if (i.unique() && i.plain() && Arrays.equals(i.columns(), refColumns)) {
                return SchemaNames.localOf(i.name());
            }
        }
        return null;
    }
}
