package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.views: user views (their query as written, check option, and whether they are
 * automatically updatable) and the system views (no definition text, not updatable).
 */
final class InformationSchemaViews {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "views", List.of(
            text("table_catalog"), text("table_schema"), text("table_name"), text("view_definition"),
            text("check_option"), text("is_updatable"), text("is_insertable_into"), text("is_trigger_updatable"),
            text("is_trigger_deletable"), text("is_trigger_insertable_into")), InformationSchemaViews::rows);

    private InformationSchemaViews() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (io.kyrodb.engine.catalog.View v : ctx.catalog().views()) {   // view_definition: the query as written
            String updatable = io.kyrodb.engine.binder.UpdatableViews.isUpdatable(ctx, v) ? "YES" : "NO";
            rows.add(new Object[] {ctx.database(), io.kyrodb.engine.catalog.SchemaNames.schemaOf(v.name()),
                    io.kyrodb.engine.catalog.SchemaNames.localOf(v.name()), v.query(),
                    v.checkOption() == null ? "NONE" : v.checkOption().toUpperCase(java.util.Locale.ROOT), updatable,
                    updatable, "NO", "NO", "NO"});
        }
        for (SystemView v : SystemViews.all()) {
            rows.add(new Object[] {ctx.database(), v.schema(), v.name(), null, "NONE", "NO", "NO", "NO", "NO", "NO"});
        }
        return rows;
    }
}
