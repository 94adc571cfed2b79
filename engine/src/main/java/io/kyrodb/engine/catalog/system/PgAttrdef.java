package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int2;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_attrdef: one row per column DEFAULT (identity columns have none, as in Postgres). adbin holds
 * the default's SQL text, which pg_get_expr(adbin, adrelid) returns (Postgres keeps a node tree
 * there and deparses it; KyroDB keeps the text as written, with {@code ::regclass} on a SERIAL's
 * {@code nextval} argument as Postgres prints it).
 */
final class PgAttrdef {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_attrdef", List.of(
            oid("oid"), oid("adrelid"), int2("adnum"), text("adbin")), PgAttrdef::rows);

    private PgAttrdef() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Table t : ctx.catalog().tables()) {
            long relation = PgConstraint.tableOid(t);
            for (int i = 0; i < t.columns().size(); i++) {
                String text = defaultText(t.columns().get(i));
                if (text != null) {
                    rows.add(new Object[] {Relations.oid("attrdef " + SchemaNames.schemaOf(t.name()),
                            SchemaNames.localOf(t.name()) + "." + (i + 1)), relation, (short) (i + 1), text});
                }
            }
        }
        return rows;
    }

    /** A column's default as information_schema.columns.column_default and pg_get_expr show it, or null. */
    static String defaultText(Column c) {
        return c.defaultText();
    }
}
