package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.key_column_usage: the columns of each PRIMARY KEY, UNIQUE and FOREIGN KEY
 * constraint in key order; for a foreign key, position_in_unique_constraint is the position of
 * the referenced column in the referenced key (its columns are listed in that key's order).
 */
final class InformationSchemaKeyColumnUsage {
    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "key_column_usage", List.of(
            text("constraint_catalog"), text("constraint_schema"), text("constraint_name"), text("table_catalog"),
            text("table_schema"), text("table_name"), text("column_name"), int4("ordinal_position"),
            int4("position_in_unique_constraint")), InformationSchemaKeyColumnUsage::rows);

    private InformationSchemaKeyColumnUsage() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Constraints.Constraint c : Constraints.all(ctx)) {
            for (int i = 0; i < c.columns().size(); i++) {
                rows.add(new Object[] {ctx.database(), c.schema(), c.name(), ctx.database(), c.schema(), c.table(),
                        c.columns().get(i), i + 1, c.foreignKey() == null ? null : i + 1});
            }
        }
        return rows;
    }
}
