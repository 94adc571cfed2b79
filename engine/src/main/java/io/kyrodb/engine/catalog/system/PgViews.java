package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_views: the system views (there are no user views yet); their definitions are not SQL, so null. */
final class PgViews {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_views", List.of(
            text("schemaname"), text("viewname"), text("viewowner"), text("definition")), PgViews::rows);

    private PgViews() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (io.kyrodb.engine.catalog.View v : ctx.catalog().views()) {   // definition: the query as written
            rows.add(new Object[] {io.kyrodb.engine.catalog.SchemaNames.schemaOf(v.name()),
                    io.kyrodb.engine.catalog.SchemaNames.localOf(v.name()), ctx.user(), v.query()});
        }
        for (SystemView v : SystemViews.all()) {
            rows.add(new Object[] {v.schema(), v.name(), ctx.user(), null});
        }
        return rows;
    }
}
