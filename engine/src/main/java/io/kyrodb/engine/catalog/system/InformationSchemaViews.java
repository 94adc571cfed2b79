package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/** information_schema.views: the system views (there are no user views yet), with no definition text. */
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
            rows.add(new Object[] {ctx.database(), io.kyrodb.engine.catalog.SchemaNames.schemaOf(v.name()),
                    io.kyrodb.engine.catalog.SchemaNames.localOf(v.name()), v.query(),
                    v.checkOption() == null ? "NONE" : v.checkOption().toUpperCase(java.util.Locale.ROOT), "NO", "NO", "NO", "NO",
                    "NO"});
        }
        for (SystemView v : SystemViews.all()) {
            rows.add(new Object[] {ctx.database(), v.schema(), v.name(), null, "NONE", "NO", "NO", "NO", "NO", "NO"});
        }
        return rows;
    }
}
