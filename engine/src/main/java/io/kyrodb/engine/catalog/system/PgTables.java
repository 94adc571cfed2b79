package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.TableInfo;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_tables: every table (not the system views, which Postgres lists in pg_views). */
final class PgTables {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_tables", List.of(
            text("schemaname"), text("tablename"), text("tableowner"), text("tablespace"), bool("hasindexes"),
            bool("hasrules"), bool("hastriggers"), bool("rowsecurity")), PgTables::rows);

    private PgTables() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : ctx.tables()) {
            if (ctx.isMaterialized(t)) {
                continue;   // listed by pg_matviews, not here, as in PostgreSQL
            }
            boolean indexed = !t.primaryKey().isEmpty() || !t.indexes().isEmpty();
            rows.add(new Object[] {t.schema(), t.name(), ctx.user(), null, indexed, false, false, false});
        }
        return rows;
    }
}
