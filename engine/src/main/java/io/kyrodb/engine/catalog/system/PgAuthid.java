package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_authid: the one role (see {@link PgRoles}). KyroDB keeps no passwords, so rolpassword is
 * NULL; rolvaliduntil (timestamptz) is NULL.
 */
final class PgAuthid {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_authid", List.of(
            oid("oid"), text("rolname"), bool("rolsuper"), bool("rolinherit"), bool("rolcreaterole"),
            bool("rolcreatedb"), bool("rolcanlogin"), bool("rolreplication"), bool("rolbypassrls"),
            int4("rolconnlimit"), text("rolpassword"), PgStatActivity.timestamptz("rolvaliduntil")),
            ctx -> List.<Object[]>of(new Object[] {Relations.OWNER_OID, ctx.user(), true, true, true, true, true, false,
                    true, -1, null, null}));

    private PgAuthid() {
    }
}
