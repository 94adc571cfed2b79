package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.ForeignKeyInfo;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/** information_schema.referential_constraints: one row per foreign key ({@link ForeignKeys}). */
final class InformationSchemaReferentialConstraints {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "referential_constraints", List.of(
            text("constraint_catalog"), text("constraint_schema"), text("constraint_name"),
            text("unique_constraint_catalog"), text("unique_constraint_schema"), text("unique_constraint_name"),
            text("match_option"), text("update_rule"), text("delete_rule")),
            InformationSchemaReferentialConstraints::rows);

    private InformationSchemaReferentialConstraints() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (ForeignKeyInfo f : ctx.foreignKeys()) {
            rows.add(new Object[] {ctx.database(), f.schema(), f.name(), ctx.database(), f.referencedSchema(),
                    f.referencedKeyName(), "NONE", f.updateRule(), f.deleteRule()});
        }
        return rows;
    }
}
