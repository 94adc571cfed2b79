package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.MaterializedView;
import io.kyrodb.engine.catalog.SchemaNames;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_matviews: each materialized view, with its query as written (PostgreSQL prints it deparsed). */
final class PgMatviews {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_matviews", List.of(
            text("schemaname"), text("matviewname"), text("matviewowner"), text("tablespace"), bool("hasindexes"),
            bool("ispopulated"), text("definition")), PgMatviews::rows);

    private PgMatviews() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (MaterializedView m : ctx.catalog().materializedViews()) {
            rows.add(new Object[] {SchemaNames.schemaOf(m.name()), SchemaNames.localOf(m.name()), ctx.user(), null,
                    !ctx.catalog().indexesOf(m.name()).isEmpty(), m.populated(), m.query()});
        }
        return rows;
    }
}
