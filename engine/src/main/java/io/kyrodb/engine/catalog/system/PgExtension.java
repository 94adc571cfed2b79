package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Extensions;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_extension: the extensions built into KyroDB ({@link Extensions}), always installed. */
final class PgExtension {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_extension", List.of(
            oid("oid"), text("extname"), oid("extowner"), oid("extnamespace"), bool("extrelocatable"),
            text("extversion")), ctx -> {
                List<Object[]> rows = new ArrayList<>();
                for (Extensions.Extension e : Extensions.BUILT_IN) {
                    rows.add(new Object[] {e.oid(), e.name(), Relations.OWNER_OID, e.schemaOid(), e.relocatable(),
                            e.version()});
                }
                return rows;
            });

    private PgExtension() {
    }
}
