package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Access;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.types.RegClass;
import io.kyrodb.engine.types.Values;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * has_table_privilege and the other has_*_privilege functions. The session's own user (and a
 * call without a role) is the superuser that owns everything: true. For a role made with CREATE
 * ROLE the answer comes from what was granted to it, to PUBLIC and to the roles it inherits from
 * (with PostgreSQL's defaults for PUBLIC: CONNECT and TEMPORARY on the database, EXECUTE on
 * functions, USAGE on types and on schema public).
 */
public final class Privileges {
    private static final Map<String, Character> LETTERS = Map.ofEntries(Map.entry("SELECT", 'r'),
            Map.entry("INSERT", 'a'), Map.entry("UPDATE", 'w'), Map.entry("DELETE", 'd'), Map.entry("TRUNCATE", 'D'),
            Map.entry("REFERENCES", 'x'), Map.entry("TRIGGER", 't'), Map.entry("EXECUTE", 'X'),
            Map.entry("USAGE", 'U'), Map.entry("CREATE", 'C'), Map.entry("CONNECT", 'c'), Map.entry("TEMPORARY", 'T'),
            Map.entry("TEMP", 'T'));

    private Privileges() {
    }

    /** {@code function} (has_table_privilege ...) of {@code args} as called: [role,] object[, column], privilege. */
    public static Boolean has(SystemContext ctx, String function, Object[] args) {
        int columnArgs = function.equals("has_column_privilege") ? 1 : 0;
        boolean withRole = args.length == 3 + columnArgs;
        for (Object a : args) {
            if (a == null) {
                return null;
            }
        }
        String role = withRole ? role(ctx, args[0]) : ctx.user();
        Object object = args[withRole ? 1 : 0];
        String privilege = Values.toText(args[args.length - 1]);
        String kind = function.substring("has_".length(), function.length() - "_privilege".length());
        String allowed = switch (kind) {
            case "table", "any_column" -> "rawdDxt";
            case "column" -> "rawx";
            case "sequence" -> "rwU";
            case "schema" -> "UC";
            case "database" -> "CTc";
            case "function" -> "X";
            default -> "U";
        };
        boolean option = false;
        String list = privilege.strip().toUpperCase(Locale.ROOT);
        java.util.List<Character> wanted = new java.util.ArrayList<>();
        for (String p : list.split(",")) {
            String w = p.strip().replaceAll("\\s+", " ");
            if (w.endsWith(" WITH GRANT OPTION")) {
                w = w.substring(0, w.length() - " WITH GRANT OPTION".length());
                option = true;
            }
            Character c = LETTERS.get(w);
            if (c == null || allowed.indexOf(c) < 0) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "unrecognized privilege type: \""
                        + p.strip() + "\"");
            }
            wanted.add(c);
        }
        String key = key(ctx, kind, object);
        if (role.equals(ctx.user())) {
            return true;
        }
        Access access = ctx.catalog().access();
        for (char c : wanted) {
            if (holds(ctx, access, role, kind, key, c, option, columnArgs == 1 ? Values.toText(args[withRole ? 2 : 1]) : null)) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(SystemContext ctx, Access access, String role, String kind, String key, char c,
                                 boolean option, String column) {
        Access.Role r = access.role(role);
        if (r.superuser()) {
            return true;
        }
        if (!option && (kind.equals("database") && (c == 'c' || c == 'T') || kind.equals("function")
                || kind.equals("schema") && c == 'U' && key.equals(Access.schema(SchemaNames.PUBLIC)))) {
            return true;   // PostgreSQL grants these to PUBLIC
        }
        java.util.Set<String> roles = access.effectiveRoles(role);
        for (Access.Grant g : access.acl(key)) {
            if (!roles.contains(g.grantee()) || (option ? g.grantable() : g.letters()).indexOf(c) < 0) {
                continue;
            }
            if (g.column() == null || kind.equals("any_column") || g.column().equals(column)) {
                return true;
            }
        }
        return false;
    }

    private static String role(SystemContext ctx, Object value) {
        if (value instanceof Number n) {
            if (n.longValue() == Relations.OWNER_OID) {
                return ctx.user();
            }
            for (Access.Role r : ctx.catalog().access().roles().values()) {
                if (r.oid() == n.longValue()) {
                    return r.name();
                }
            }
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "role with OID " + n + " does not exist");
        }
        String name = Values.toText(value);
        if (name.equals(ctx.user()) || ctx.catalog().access().role(name) != null) {
            return name;
        }
        if (name.equalsIgnoreCase("public")) {
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "role \"public\" does not exist");
        }
        throw new KyroException(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
    }

    /** The {@link Access} key of the object named (or given by OID) {@code object}; 42P01 / 3F000 ... when it does not exist. */
    private static String key(SystemContext ctx, String kind, Object object) {
        switch (kind) {
            case "schema" -> {
                String name = Values.toText(object);
                if (!ctx.catalog().hasSchema(name) && !SystemViews.isSystemSchema(name)) {
                    throw new KyroException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist");
                }
                return Access.schema(name);
            }
            case "database" -> {
                String name = Values.toText(object);
                if (!name.equals(ctx.database())) {
                    throw new KyroException(SqlState.INVALID_CATALOG_NAME, "database \"" + name + "\" does not exist");
                }
                return Access.database(name);
            }
            case "function" -> {
                String name = Values.toText(object);
                int paren = name.indexOf('(');
                return Access.function(paren < 0 ? name.strip() : name.substring(0, paren).strip());
            }
            default -> {
                RegClass r = RegClasses.of(ctx, object);
                if (kind.equals("sequence") && (r.key() == null || ctx.catalog().sequence(r.key()) == null)) {
                    throw new KyroException(SqlState.WRONG_OBJECT_TYPE, "\"" + r.name() + "\" is not a sequence");
                }
                return r.key() == null ? "system:" + r.name() : Access.relation(r.key());
            }
        }
    }

    static List<String> names() {
        return List.copyOf(LETTERS.keySet());
    }
}
