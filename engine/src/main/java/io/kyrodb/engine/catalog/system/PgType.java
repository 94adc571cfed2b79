package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int2;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_type: the types KyroDB has, with Postgres's OIDs and names ({@link PgTypes}); pgvector's
 * types in public, the rest in pg_catalog. Array and row types are not listed.
 */
final class PgType {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_type", List.of(
            oid("oid"), text("typname"), oid("typnamespace"), oid("typowner"), int2("typlen"), bool("typbyval"),
            text("typtype"), text("typcategory"), bool("typispreferred"), bool("typisdefined"), text("typdelim"),
            oid("typrelid"), oid("typelem"), oid("typarray"), text("typalign"), text("typstorage"),
            bool("typnotnull"), oid("typbasetype"), int4("typtypmod"), int4("typndims"), oid("typcollation"),
            text("typdefault")), PgType::rows);

    private PgType() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (PgTypes.PgType t : PgTypes.all()) {
            int len = t.length();
            boolean byValue = len == 1 || len == 2 || len == 4 || len == 8;
            boolean extension = t.dataType().equals("USER-DEFINED");
            boolean preferred = t.name().equals("text") || t.name().equals("float8") || t.name().equals("bool");
            rows.add(new Object[] {t.oid(), t.name(), extension ? Relations.PUBLIC_OID : Relations.PG_CATALOG_OID,
                    Relations.OWNER_OID, (short) len, byValue, t.name().equals("unknown") ? "p" : t.category().equals("R") ? "r" : "b", t.category(),
                    preferred, true, ",", 0L, 0L, 0L, len == 8 ? "d" : len == 2 ? "s" : len == 1 ? "c" : "i",
                    len > 0 ? "p" : "x", false, 0L, -1, 0, t.category().equals("S") ? 100L : 0L, null});
        }
        for (io.kyrodb.engine.types.UserType u : ctx.catalog().types()) {
            long namespace = Relations.Relation.namespaceOid(u.schema());
            switch (u) {
                case io.kyrodb.engine.types.EnumType e -> {
                    rows.add(new Object[] {(long) e.oid(), e.name(), namespace, Relations.OWNER_OID, (short) 4, true,
                            "e", "E", false, true, ",", 0L, 0L, PgTypes.arrayOid(e), "i", "p", false, 0L, -1, 0, 0L,
                            null});
                    rows.add(new Object[] {PgTypes.arrayOid(e), "_" + e.name(), namespace, Relations.OWNER_OID,
                            (short) -1, false, "b", "A", false, true, ",", 0L, (long) e.oid(), 0L, "i", "x", false, 0L,
                            -1, 0, 0L, null});
                }
                case io.kyrodb.engine.types.DomainType d -> {
                    PgTypes.PgType base = PgTypes.of(d.base());
                    int len = base.length();
                    rows.add(new Object[] {(long) d.oid(), d.name(), namespace, Relations.OWNER_OID, (short) len,
                            len == 1 || len == 2 || len == 4 || len == 8, "d", base.category(), false, true, ",", 0L,
                            0L, 0L, len == 8 ? "d" : len == 2 ? "s" : len == 1 ? "c" : "i", len > 0 ? "p" : "x",
                            d.notNull(), base.oid(), -1, 0, base.category().equals("S") ? 100L : 0L, d.defaultSql()});
                }
            }
        }
        return rows;
    }
}
