package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.ForeignKeyInfo;

import java.util.List;

/**
 * The one place that lists a catalog's foreign keys for metadata: JDBC's getImportedKeys,
 * getExportedKeys and getCrossReference, and information_schema's table_constraints,
 * key_column_usage and referential_constraints all read them from here. KyroDB has no foreign
 * keys yet, so the list is empty; when the catalog gets them, filling this list fills all of those.
 */
public final class ForeignKeys {
    private ForeignKeys() {
    }

    public static List<ForeignKeyInfo> of(Catalog catalog) {
        return List.of();
    }
}
