package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_authid: the roles of {@link PgRoles}. rolpassword is NULL or, for a role given a PASSWORD, a
 * salted SHA-256 of it (never the password: KyroDB authenticates no one); rolvaliduntil is NULL
 * (VALID UNTIL is kept as written and shown by pg_user.valuntil).
 */
final class PgAuthid {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_authid", List.of(
            oid("oid"), text("rolname"), bool("rolsuper"), bool("rolinherit"), bool("rolcreaterole"),
            bool("rolcreatedb"), bool("rolcanlogin"), bool("rolreplication"), bool("rolbypassrls"),
            int4("rolconnlimit"), text("rolpassword"), PgStatActivity.timestamptz("rolvaliduntil")),
            PgAuthid::rows);

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> out = new java.util.ArrayList<>();
        out.add(new Object[] {Relations.OWNER_OID, ctx.user(), true, true, true, true, true, false, true, -1, null, null});
        for (io.kyrodb.engine.catalog.Access.Role r : ctx.catalog().access().roles().values()) {
            out.add(new Object[] {r.oid(), r.name(), r.superuser(), r.inherit(), r.createrole(), r.createdb(),
                    r.login(), r.replication(), r.bypassrls(), r.connectionLimit(), r.passwordHash(), null});
        }
        return out;
    }

    private PgAuthid() {
    }
}
