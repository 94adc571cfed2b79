package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.table_constraints: each table's PRIMARY KEY, UNIQUE and FOREIGN KEY constraints (see
 * {@link Constraints}). Postgres also lists each NOT NULL column as a CHECK constraint named
 * {@code <nsp oid>_<table oid>_<n>_not_null}; KyroDB does not (columns.is_nullable says it).
 */
final class InformationSchemaTableConstraints {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "table_constraints", List.of(
            text("constraint_catalog"), text("constraint_schema"), text("constraint_name"), text("table_catalog"),
            text("table_schema"), text("table_name"), text("constraint_type"), text("is_deferrable"),
            text("initially_deferred"), text("enforced"), text("nulls_distinct")),
            InformationSchemaTableConstraints::rows);

    private InformationSchemaTableConstraints() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Constraints.Constraint c : Constraints.all(ctx)) {
            boolean[] timing = PgConstraint.timing(ctx.catalog(), io.kyrodb.engine.catalog.SchemaNames.key(c.schema(),
                    c.table()), c.name());
            rows.add(new Object[] {ctx.database(), c.schema(), c.name(), ctx.database(), c.schema(), c.table(),
                    c.type(), timing[0] ? "YES" : "NO", timing[1] ? "YES" : "NO", "YES",
                    c.type().equals("UNIQUE") ? "YES" : null});
        }
        return rows;
    }
}
