package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/** pg_database: the one database a connection sees (UTF8, C collation). */
final class PgDatabase {
    /** pg_encoding_to_char(6) is UTF8. */
    static final int UTF8 = 6;
    private static final long DEFAULT_TABLESPACE = 1663;

    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_database", List.of(
            oid("oid"), text("datname"), oid("datdba"), int4("encoding"), text("datlocprovider"),
            bool("datistemplate"), bool("datallowconn"), int4("datconnlimit"), oid("dattablespace"),
            text("datcollate"), text("datctype"), text("daticulocale"), text("datcollversion")),
            ctx -> List.<Object[]>of(new Object[] {Relations.DATABASE_OID, ctx.database(), Relations.OWNER_OID, UTF8,
                    "c", false, true, -1, DEFAULT_TABLESPACE, "C", "C", null, null}));

    private PgDatabase() {
    }
}
