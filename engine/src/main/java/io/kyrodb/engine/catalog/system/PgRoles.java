package io.kyrodb.engine.catalog.system;

import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_roles: the one role, the connection's user. KyroDB is embedded and has no accounts, so
 * that user may do everything (rolsuper).
 */
final class PgRoles {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_roles", List.of(
            text("rolname"), bool("rolsuper"), bool("rolinherit"), bool("rolcreaterole"), bool("rolcreatedb"),
            bool("rolcanlogin"), bool("rolreplication"), int4("rolconnlimit"), text("rolpassword"),
            bool("rolbypassrls"), oid("oid")),
            ctx -> List.<Object[]>of(new Object[] {ctx.user(), true, true, true, true, true, false, -1, "********",
                    true, Relations.OWNER_OID}));

    private PgRoles() {
    }
}
