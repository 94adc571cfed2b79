package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.ColumnInfo;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int2;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_attribute: the columns of every relation pg_class lists (attnum from 1; Postgres's system
 * columns with negative attnum are not listed, as tools filter them out anyway).
 */
final class PgAttribute {
    /** Postgres's "default" collation, which text columns carry. */
    private static final long DEFAULT_COLLATION = 100;

    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_attribute", List.of(
            oid("attrelid"), text("attname"), oid("atttypid"), int4("attstattarget"), int2("attlen"),
            int2("attnum"), int4("attndims"), int4("attcacheoff"), int4("atttypmod"), bool("attbyval"),
            text("attalign"), text("attstorage"), text("attcompression"), bool("attnotnull"), bool("atthasdef"),
            bool("atthasmissing"), text("attidentity"), text("attgenerated"), bool("attisdropped"),
            bool("attislocal"), int4("attinhcount"), oid("attcollation")), PgAttribute::rows);

    private PgAttribute() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relations.Relation r : Relations.all(ctx)) {
            if (r.view() != null) {
                List<Column> columns = r.view().columns();
                for (int i = 0; i < columns.size(); i++) {
                    rows.add(row(r.oid(), columns.get(i).name(), columns.get(i).type(), i + 1, false));
                }
            } else if (r.index() != null) {
                List<String> names = r.index().columns();
                for (int i = 0; i < names.size(); i++) {
                    ColumnInfo c = column(r, names.get(i));
                    rows.add(row(r.oid(), c.name(), c.type(), i + 1, false));
                }
            } else {
                for (ColumnInfo c : r.table().columns()) {
                    Object[] row = row(r.oid(), c.name(), c.type(), c.ordinal(), !c.nullable());
                    if (c.generated()) {   // a stored generated column: its expression is its pg_attrdef entry
                        row[14] = true;
                        row[17] = "s";
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static ColumnInfo column(Relations.Relation r, String name) {
        return r.table().columns().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    private static Object[] row(long relation, String name, SqlType type, int num, boolean notNull) {
        PgTypes.PgType pg = PgTypes.of(type);
        int len = pg.length();
        boolean byValue = len == 1 || len == 2 || len == 4 || len == 8;
        String align = switch (len) {
            case 1 -> "c";
            case 2 -> "s";
            case 8 -> "d";
            default -> "i";
        };
        return new Object[] {relation, name, pg.oid(), -1, (short) len, (short) num, 0, -1, PgTypes.typmod(type),
                byValue, align, len > 0 ? "p" : "x", "", notNull, false, false, "", "", false, true, 0,
                type.kind().isText() ? DEFAULT_COLLATION : 0L};
    }
}
