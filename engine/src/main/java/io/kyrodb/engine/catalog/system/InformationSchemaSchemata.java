package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/** information_schema.schemata: pg_catalog, public, information_schema and any schema a table is in. */
final class InformationSchemaSchemata {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "schemata", List.of(
            text("catalog_name"), text("schema_name"), text("schema_owner"), text("default_character_set_catalog"),
            text("default_character_set_schema"), text("default_character_set_name"), text("sql_path")),
            InformationSchemaSchemata::rows);

    private InformationSchemaSchemata() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (String s : Relations.schemas(ctx)) {
            rows.add(new Object[] {ctx.database(), s, ctx.user(), null, null, null, null});
        }
        return rows;
    }
}
