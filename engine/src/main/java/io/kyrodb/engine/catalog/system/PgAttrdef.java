package io.kyrodb.engine.catalog.system;

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
                String text = t.columns().get(i).defaultText();
                if (text != null) {
                    rows.add(new Object[] {Relations.oid("attrdef " + SchemaNames.schemaOf(t.name()),
                            SchemaNames.localOf(t.name()) + "." + (i + 1)), relation, (short) (i + 1), text});
                }
            }
        }
        return rows;
    }

}
