package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.SchemaNames;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.check_constraints: the CHECK constraints of every table, check_clause in
 * Postgres's parentheses around the text as written. Postgres also lists a NOT NULL column as a
 * check named {@code <nsp oid>_<table oid>_<n>_not_null}; KyroDB does not (see columns.is_nullable).
 */
final class InformationSchemaCheckConstraints {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "check_constraints", List.of(
            text("constraint_catalog"), text("constraint_schema"), text("constraint_name"), text("check_clause")),
            InformationSchemaCheckConstraints::rows);

    private InformationSchemaCheckConstraints() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (PgConstraint.Entry e : PgConstraint.all(ctx.catalog())) {
            if (e.type() == 'c') {
                rows.add(new Object[] {ctx.database(), SchemaNames.schemaOf(e.table().name()), e.name(),
                        "((" + e.checkSql() + "))"});
            }
        }
        return rows;
    }
}
