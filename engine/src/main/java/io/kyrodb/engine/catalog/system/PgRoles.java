package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_roles: the connection's user, which may do everything (rolsuper: KyroDB is embedded and checks
 * no one), then the roles made with CREATE ROLE ({@link io.kyrodb.engine.catalog.Access}). As in
 * PostgreSQL, rolpassword is always '********'.
 */
final class PgRoles {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_roles", List.of(
            text("rolname"), bool("rolsuper"), bool("rolinherit"), bool("rolcreaterole"), bool("rolcreatedb"),
            bool("rolcanlogin"), bool("rolreplication"), int4("rolconnlimit"), text("rolpassword"),
            bool("rolbypassrls"), oid("oid")),
            PgRoles::rows);

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> out = new java.util.ArrayList<>();
        out.add(new Object[] {ctx.user(), true, true, true, true, true, false, -1, "********", true, Relations.OWNER_OID});
        for (io.kyrodb.engine.catalog.Access.Role r : ctx.catalog().access().roles().values()) {
            out.add(new Object[] {r.name(), r.superuser(), r.inherit(), r.createrole(), r.createdb(), r.login(),
                    r.replication(), r.connectionLimit(), "********", r.bypassrls(), r.oid()});
        }
        return out;
    }

    private PgRoles() {
    }
}
