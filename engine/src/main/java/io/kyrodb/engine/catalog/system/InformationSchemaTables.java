package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.TableInfo;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/** information_schema.tables: every table ('BASE TABLE', temporary ones 'LOCAL TEMPORARY') and every view ('VIEW'). */
final class InformationSchemaTables {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "tables", List.of(
            text("table_catalog"), text("table_schema"), text("table_name"), text("table_type"),
            text("self_referencing_column_name"), text("reference_generation"), text("user_defined_type_catalog"),
            text("user_defined_type_schema"), text("user_defined_type_name"), text("is_insertable_into"),
            text("is_typed"), text("commit_action")), InformationSchemaTables::rows);

    private InformationSchemaTables() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (TableInfo t : ctx.tables()) {
            if (ctx.isMaterialized(t)) {
                continue;   // listed by pg_matviews, not here, as in PostgreSQL
            }
            boolean temporary = t.schema().startsWith(io.kyrodb.engine.catalog.SearchPath.TEMPORARY_PREFIX);
            rows.add(row(ctx, t.schema(), t.name(), temporary ? "LOCAL TEMPORARY" : "BASE TABLE", "YES"));
        }
        for (io.kyrodb.engine.catalog.View v : ctx.catalog().views()) {
            rows.add(row(ctx, io.kyrodb.engine.catalog.SchemaNames.schemaOf(v.name()),
                    io.kyrodb.engine.catalog.SchemaNames.localOf(v.name()), "VIEW", "NO"));
        }
        for (SystemView v : SystemViews.all()) {
            rows.add(row(ctx, v.schema(), v.name(), "VIEW", "NO"));
        }
        return rows;
    }

    private static Object[] row(SystemContext ctx, String schema, String name, String type, String insertable) {
        return new Object[] {ctx.database(), schema, name, type, null, null, null, null, null, insertable, "NO", null};
    }
}
