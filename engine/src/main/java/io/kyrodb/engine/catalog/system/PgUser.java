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
            ctx -> List.<Object[]>of(new Object[] {ctx.user(), Relations.OWNER_OID, true, true, false, true, "********",
                    null, null}));

    private PgUser() {
    }
}
