package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/** information_schema.referential_constraints: empty until KyroDB has foreign keys; Postgres's columns. */
final class InformationSchemaReferentialConstraints {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "referential_constraints", List.of(
            text("constraint_catalog"), text("constraint_schema"), text("constraint_name"),
            text("unique_constraint_catalog"), text("unique_constraint_schema"), text("unique_constraint_name"),
            text("match_option"), text("update_rule"), text("delete_rule")), ctx -> List.of());

    private InformationSchemaReferentialConstraints() {
    }
}
