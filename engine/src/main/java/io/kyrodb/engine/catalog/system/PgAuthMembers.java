package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Access;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.oid;

/** pg_auth_members: who is a member of which role (GRANT role TO member, CREATE ROLE ... IN ROLE / ROLE). */
final class PgAuthMembers {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_auth_members", List.of(
            oid("roleid"), oid("member"), oid("grantor"), bool("admin_option")), PgAuthMembers::rows);

    private PgAuthMembers() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        Access a = ctx.catalog().access();
        List<Object[]> out = new ArrayList<>();
        for (Access.Member m : a.members()) {
            out.add(new Object[] {roleOid(a, m.role()), roleOid(a, m.member()), roleOid(a, m.grantor()), m.admin()});
        }
        return out;
    }

    static long roleOid(Access a, String role) {
        Access.Role r = a.role(role);
        return r != null ? r.oid() : Relations.OWNER_OID;
    }
}
