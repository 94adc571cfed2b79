package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Access;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.enabled_roles (the roles whose privileges the session may use: all of them,
 * its user being a superuser) and applicable_roles (each membership: grantee, role, is_grantable).
 */
final class InformationSchemaRoles {
    static final SystemView ENABLED = new SystemView(SystemViews.INFORMATION_SCHEMA, "enabled_roles",
            List.of(text("role_name")), InformationSchemaRoles::enabled);
    static final SystemView APPLICABLE = new SystemView(SystemViews.INFORMATION_SCHEMA, "applicable_roles",
            List.of(text("grantee"), text("role_name"), text("is_grantable")), InformationSchemaRoles::applicable);

    private InformationSchemaRoles() {
    }

    private static List<Object[]> enabled(SystemContext ctx) {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {ctx.user()});
        for (String r : ctx.catalog().access().roles().keySet()) {
            out.add(new Object[] {r});
        }
        return out;
    }

    private static List<Object[]> applicable(SystemContext ctx) {
        List<Object[]> out = new ArrayList<>();
        for (Access.Member m : ctx.catalog().access().members()) {
            out.add(new Object[] {m.member(), m.role(), m.admin() ? "YES" : "NO"});
        }
        return out;
    }
}
