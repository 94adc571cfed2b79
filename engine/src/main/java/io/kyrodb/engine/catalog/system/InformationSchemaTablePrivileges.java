package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Access;
import io.kyrodb.engine.catalog.SchemaNames;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * information_schema.table_privileges and role_table_grants (the same rows here: the session's user
 * is a superuser, so every role is enabled for it, as in PostgreSQL). Each table and view gives its
 * owner, the session's user, every privilege WITH GRANT OPTION, then what GRANT gave other roles and
 * PUBLIC; a column privilege is not a table privilege, so it is not listed.
 */
final class InformationSchemaTablePrivileges {
    private static final List<String> COLUMNS = List.of("grantor", "grantee", "table_catalog", "table_schema",
            "table_name", "privilege_type", "is_grantable", "with_hierarchy");
    private static final String OWNER_LETTERS = "arwdDxt";

    static final SystemView VIEW = new SystemView(SystemViews.INFORMATION_SCHEMA, "table_privileges",
            COLUMNS.stream().map(SystemView::text).toList(), InformationSchemaTablePrivileges::rows);
    static final SystemView ROLE_TABLE_GRANTS = new SystemView(SystemViews.INFORMATION_SCHEMA, "role_table_grants",
            COLUMNS.stream().map(SystemView::text).toList(), InformationSchemaTablePrivileges::rows);

    private InformationSchemaTablePrivileges() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        Access access = ctx.catalog().access();
        List<Object[]> out = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        ctx.catalog().tables().forEach(t -> keys.add(t.name()));
        ctx.catalog().views().forEach(v -> keys.add(v.name()));
        for (String key : keys) {
            if (ctx.catalog().materializedView(key) != null) {
                continue;   // PostgreSQL lists tables and views, not materialized views
            }
            String schema = SchemaNames.schemaOf(key);
            String name = SchemaNames.localOf(key);
            for (char c : OWNER_LETTERS.toCharArray()) {
                out.add(row(ctx, ctx.user(), ctx.user(), schema, name, c, true));
            }
            for (Access.Grant g : access.acl(Access.relation(key))) {
                if (g.column() != null) {
                    continue;
                }
                for (char c : g.letters().toCharArray()) {
                    out.add(row(ctx, g.grantor(), g.grantee().isEmpty() ? "PUBLIC" : g.grantee(), schema, name, c,
                            g.grantable().indexOf(c) >= 0));
                }
            }
        }
        return out;
    }

    private static Object[] row(SystemContext ctx, String grantor, String grantee, String schema, String table, char c,
                                boolean grantable) {
        String privilege = Access.NAMES.get(Access.LETTERS.indexOf(c)).toUpperCase(java.util.Locale.ROOT);
        return new Object[] {grantor, grantee, ctx.database(), schema, table, privilege, grantable ? "YES" : "NO",
                privilege.equals("SELECT") ? "YES" : "NO"};
    }
}
