package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_user: the one role (see {@link PgRoles}) as a user. {@code valuntil} (abstime) is text, NULL;
 * {@code useconfig} (text[]) NULL, as for a role with no per-role settings.
 */
final class PgUser {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_user", List.of(
            text("usename"), oid("usesysid"), bool("usecreatedb"), bool("usesuper"), bool("userepl"),
            bool("usebypassrls"), text("passwd"), text("valuntil"), text("useconfig")),
            PgUser::rows);

    /** The connection's user, then the roles that may log in (CREATE USER, or ROLE ... LOGIN). */
    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> out = new java.util.ArrayList<>();
        out.add(new Object[] {ctx.user(), Relations.OWNER_OID, true, true, false, true, "********", null, null});
        for (io.kyrodb.engine.catalog.Access.Role r : ctx.catalog().access().roles().values()) {
            if (r.login()) {
                out.add(new Object[] {r.name(), r.oid(), r.createdb(), r.superuser(), r.replication(), r.bypassrls(),
                        "********", r.validUntil(), null});
            }
        }
        return out;
    }

    private PgUser() {
    }
}
