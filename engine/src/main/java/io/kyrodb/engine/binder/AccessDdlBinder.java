package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Access;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.system.SystemViews;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * CREATE/ALTER/DROP ROLE, GRANT and REVOKE (roles and privileges) and ALTER DEFAULT PRIVILEGES: checked
 * as PostgreSQL checks them (the roles and objects exist, the privileges fit the object), then the
 * catalog's new {@link Access} logged as one change. The session's own user is the superuser that
 * owns everything; it is not a row of {@link Access} and cannot be created, renamed or dropped.
 * Nothing here refuses a connection or a statement: see README "Roles and privileges".
 */
final class AccessDdlBinder {
    private static final SecureRandom SALTS = new SecureRandom();

    private AccessDdlBinder() {
    }

    private static Plan plan(Access next) {
        return new CatalogDdlPlan(List.of(new Change.DefineAccess(next)));
    }

    private static boolean isCurrent(Binder b, String role) {
        return role.equals(b.system().user());
    }

    /** 42704 unless {@code role} is a role (listed, or the session's user). */
    private static void exists(Binder b, String role, Pos pos) {
        if (!isCurrent(b, role) && b.catalog().access().role(role) == null) {
            throw b.error(SqlState.UNDEFINED_OBJECT, "role \"" + role + "\" does not exist", pos);
        }
    }

    /** CURRENT_USER, SESSION_USER, CURRENT_ROLE: the session's user where a role is granted or altered. */
    private static boolean special(String role) {
        return role.equals("current_user") || role.equals("session_user") || role.equals("current_role");
    }

    private static String resolve(Binder b, String role) {
        return switch (role) {
            case "current_user", "session_user", "current_role" -> b.system().user();
            default -> role;
        };
    }

    static Plan create(Binder b, Statement.CreateRole c) {
        Access a = b.catalog().access();
        String name = c.name();
        if (name.equals("public") || name.equals("none")) {
            throw b.error(SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved", c.pos());
        }
        if (name.startsWith("pg_")) {
            throw b.error(SqlState.RESERVED_NAME, "role name \"" + name + "\" is reserved", c.pos());
        }
        if (isCurrent(b, name) || a.role(name) != null) {
            throw b.error(SqlState.DUPLICATE_OBJECT, "role \"" + name + "\" already exists", c.pos());
        }
        Statement.RoleOptions o = c.options();
        Access.Role role = apply(new Access.Role(a.nextOid(), name, false, true, false, false, c.user(), false, false,
                -1, null, null), o);
        Access next = a.withRole(role);
        List<Access.Member> members = new ArrayList<>(next.members());
        for (String r : o.inRoles()) {
            exists(b, r, c.pos());
            members.add(new Access.Member(r, name, b.system().user(), false));
        }
        for (String m : o.members()) {
            exists(b, m, c.pos());
            members.add(new Access.Member(name, m, b.system().user(), false));
        }
        return plan(next.withMembers(members));
    }

    private static Access.Role apply(Access.Role r, Statement.RoleOptions o) {
        String hash = o.passwordNull() ? null : o.password() != null ? hash(o.password()) : r.passwordHash();
        return new Access.Role(r.oid(), r.name(), or(o.superuser(), r.superuser()), or(o.inherit(), r.inherit()),
                or(o.createrole(), r.createrole()), or(o.createdb(), r.createdb()), or(o.login(), r.login()),
                or(o.replication(), r.replication()), or(o.bypassrls(), r.bypassrls()),
                o.connectionLimit() != null ? o.connectionLimit() : r.connectionLimit(), hash,
                o.validUntil() != null ? o.validUntil() : r.validUntil());
    }

    private static boolean or(Boolean given, boolean old) {
        return given != null ? given : old;
    }

    /** A salted SHA-256 of the password: KyroDB authenticates no one, and keeps no password readable. */
    static String hash(String password) {
        byte[] salt = new byte[16];
        SALTS.nextBytes(salt);
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt);
            byte[] h = d.digest(password.getBytes(StandardCharsets.UTF_8));
            Base64.Encoder e = Base64.getEncoder();
            return "SHA-256$" + e.encodeToString(salt) + "$" + e.encodeToString(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }

    static Plan alter(Binder b, Statement.AlterRole r) {
        Access a = b.catalog().access();
        if (r.renameTo() != null && special(r.name())) {
            throw b.error(SqlState.RESERVED_NAME, r.name().toUpperCase(java.util.Locale.ROOT)
                    + " cannot be used as a role name here", r.pos());
        }
        String name = resolve(b, r.name());
        exists(b, name, r.pos());
        if (r.renameTo() != null) {
            if (isCurrent(b, name)) {
                throw b.error(SqlState.FEATURE_NOT_SUPPORTED, "session user cannot be renamed", r.pos());
            }
            if (isCurrent(b, r.renameTo()) || a.role(r.renameTo()) != null) {
                throw b.error(SqlState.DUPLICATE_OBJECT, "role \"" + r.renameTo() + "\" already exists", r.pos());
            }
            if (r.renameTo().equals("public") || r.renameTo().startsWith("pg_")) {
                throw b.error(SqlState.RESERVED_NAME, "role name \"" + r.renameTo() + "\" is reserved", r.pos());
            }
            return plan(a.renamed(name, r.renameTo()));
        }
        if (isCurrent(b, name)) {   // the session's user is a superuser that keeps every attribute
            return new CatalogDdlPlan(List.of());
        }
        Access next = a.withRole(apply(a.role(name), r.options()));
        List<Access.Member> members = new ArrayList<>(next.members());
        for (String in : r.options().inRoles()) {
            exists(b, in, r.pos());
            members.add(new Access.Member(in, name, b.system().user(), false));
        }
        return plan(next.withMembers(members));
    }

    static Plan drop(Binder b, Statement.DropRole d) {
        Access a = b.catalog().access();
        for (String raw : d.names()) {
            if (special(raw)) {
                throw b.error(SqlState.INVALID_PARAMETER_VALUE, "cannot use special role specifier in DROP ROLE", d.pos());
            }
            String name = raw;
            if (isCurrent(b, name)) {
                throw b.error(SqlState.OBJECT_IN_USE, "current user cannot be dropped", d.pos());
            }
            if (a.role(name) == null) {
                if (d.ifExists()) {
                    continue;
                }
                throw b.error(SqlState.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist", d.pos());
            }
            for (var e : a.acls().entrySet()) {
                boolean defaults = e.getKey().startsWith("defaults:" + name + ":");
                if (defaults || e.getValue().stream().anyMatch(g -> g.grantee().equals(name))) {
                    throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "role \"" + name
                            + "\" cannot be dropped because some objects depend on it (" + describe(e.getKey(), defaults)
                            + "): REVOKE them first", d.pos());
                }
            }
            a = a.withoutRole(name);
        }
        return plan(a);
    }

    private static String describe(String key, boolean defaults) {
        if (defaults) {
            return "default privileges";
        }
        int colon = key.indexOf(':');
        return "privileges for " + key.substring(0, colon).replace("relation", "table") + " " + key.substring(colon + 1);
    }

    static Plan grantRoles(Binder b, Statement.GrantRoles g) {
        Access a = b.catalog().access();
        List<Access.Member> members = new ArrayList<>(a.members());
        for (String raw : g.roles()) {
            String role = resolve(b, raw);
            exists(b, role, g.pos());
            for (String rawMember : g.grantees()) {
                String member = resolve(b, rawMember);
                if (member.equals("public")) {
                    throw b.error(SqlState.UNDEFINED_OBJECT, "role \"public\" does not exist", g.pos());
                }
                exists(b, member, g.pos());
                if (g.grant()) {
                    if (member.equals(role) || (!isCurrent(b, role) && a.effectiveRoles(role).contains(member))) {
                        throw b.error(SqlState.INVALID_GRANT_OPERATION, "role \"" + role
                                + "\" is a member of role \"" + member + "\"", g.pos());
                    }
                    boolean admin = g.adminOption();
                    members.removeIf(m -> {
                        boolean same = m.role().equals(role) && m.member().equals(member);
                        return same;
                    });
                    members.add(new Access.Member(role, member, b.system().user(), admin || a.members().stream()
                            .anyMatch(m -> m.role().equals(role) && m.member().equals(member) && m.admin())));
                } else if (g.adminOption()) {
                    members.replaceAll(m -> m.role().equals(role) && m.member().equals(member)
                            ? new Access.Member(role, member, m.grantor(), false) : m);
                } else {
                    members.removeIf(m -> m.role().equals(role) && m.member().equals(member));
                }
            }
        }
        return plan(a.withMembers(members));
    }

    static Plan privileges(Binder b, Statement.GrantPrivileges g) {
        Access a = b.catalog().access();
        List<String> grantees = grantees(b, g);
        for (Target t : targets(b, g)) {
            a = change(b, a, g, t, grantees);
        }
        return plan(a);
    }

    static Plan defaults(Binder b, Statement.AlterDefaultPrivileges d) {
        Access a = b.catalog().access();
        List<String> roles = d.forRoles().isEmpty() ? List.of(b.system().user()) : d.forRoles();
        for (String r : roles) {
            exists(b, resolve(b, r), d.pos());
        }
        for (String s : d.schemas()) {
            if (!b.catalog().hasSchema(s)) {
                throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s + "\" does not exist", d.pos());
            }
        }
        List<String> grantees = grantees(b, d.action());
        String kind = d.action().objectKind();
        String letters = switch (kind) {
            case "tables" -> "arwdDxt";
            case "sequences" -> "rwU";
            case "functions", "routines" -> "X";
            case "types" -> "U";
            default -> "UC";
        };
        if (kind.equals("schemas") && !d.schemas().isEmpty()) {
            throw b.error(SqlState.INVALID_GRANT_OPERATION,
                    "cannot use IN SCHEMA clause when using GRANT/REVOKE ON SCHEMAS", d.pos());
        }
        List<String> schemas = d.schemas().isEmpty() ? java.util.Arrays.asList((String) null) : d.schemas();
        for (String r : roles) {
            for (String s : schemas) {
                Target t = new Target(Access.defaults(resolve(b, r), s, kind.equals("routines") ? "functions" : kind),
                        kind, letters, null);
                a = change(b, a, d.action(), t, grantees);
            }
        }
        return plan(a);
    }

    private static List<String> grantees(Binder b, Statement.GrantPrivileges g) {
        List<String> out = new ArrayList<>();
        for (String raw : g.grantees()) {
            String r = resolve(b, raw);
            if (!r.equals("public")) {
                exists(b, r, g.pos());
            }
            out.add(r.equals("public") ? "" : r);
        }
        return out;
    }

    /** One object privileges are granted on: its {@link Access} key, its kind's name, the letters it takes. */
    private record Target(String key, String kind, String letters, Table table) {
    }

    private static List<Target> targets(Binder b, Statement.GrantPrivileges g) {
        Catalog c = b.catalog();
        List<Target> out = new ArrayList<>();
        if (g.allInSchema()) {
            for (QualifiedName s : g.objects()) {
                if (!c.hasSchema(s.name())) {
                    throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + s.name() + "\" does not exist", s.pos());
                }
                switch (g.objectKind()) {
                    case "tables" -> {
                        for (String k : c.relationsIn(s.name())) {
                            if (c.table(k) != null || c.view(k) != null) {
                                out.add(new Target(Access.relation(k), "table", "arwdDxt", c.table(k)));
                            }
                        }
                    }
                    case "sequences" -> {
                        for (String k : c.relationsIn(s.name())) {
                            if (c.sequence(k) != null) {
                                out.add(new Target(Access.relation(k), "sequence", "rwU", null));
                            }
                        }
                    }
                    default -> {
                        for (io.kyrodb.engine.catalog.UserFunction f : c.functions()) {
                            if (SchemaNames.schemaOf(f.key()).equals(s.name())) {
                                out.add(new Target(Access.function(f.key()), "function", "X", null));
                            }
                        }
                    }
                }
            }
            return out;
        }
        for (QualifiedName n : g.objects()) {
            switch (g.objectKind()) {
                case "schema" -> {
                    if (!c.hasSchema(n.name()) && !SystemViews.isSystemSchema(n.name())) {
                        throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + n.name() + "\" does not exist", n.pos());
                    }
                    out.add(new Target(Access.schema(n.name()), "schema", "UC", null));
                }
                case "database" -> {
                    if (!n.name().equals(b.system().database())) {
                        throw b.error(SqlState.INVALID_CATALOG_NAME, "database \"" + n.name() + "\" does not exist",
                                n.pos());
                    }
                    out.add(new Target(Access.database(n.name()), "database", "CTc", null));
                }
                case "function", "procedure" -> {
                    List<io.kyrodb.engine.catalog.UserFunction> fs = UserFunctionCalls.named(b, n);
                    if (fs.isEmpty()) {
                        throw b.error(SqlState.UNDEFINED_FUNCTION, g.objectKind() + " " + n + " does not exist", n.pos());
                    }
                    out.add(new Target(Access.function(fs.get(0).key()), "function", "X", null));
                }
                case "type", "domain" -> {
                    io.kyrodb.engine.types.UserType t = UserTypeDdl.existing(b, n, g.objectKind().equals("domain"));
                    out.add(new Target(Access.type(t.key()), "type", "U", null));
                }
                default -> {
                    b.checkSchema(n);
                    String key = b.relationKey(n);
                    boolean sequence = c.sequence(key) != null;
                    if (g.objectKind().equals("sequence") && !sequence) {
                        if (c.hasRelation(key)) {
                            throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + n.name() + "\" is not a sequence", n.pos());
                        }
                        throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + n + "\" does not exist", n.pos());
                    }
                    if (!c.hasRelation(key) || c.index(key) != null) {
                        throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + n + "\" does not exist", n.pos());
                    }
                    out.add(sequence ? new Target(Access.relation(key), "sequence", "rwU", null)
                            : new Target(Access.relation(key), "table", "arwdDxt", c.table(key)));
                }
            }
        }
        return out;
    }

    private static Access change(Binder b, Access a, Statement.GrantPrivileges g, Target t, List<String> grantees) {
        List<String[]> wanted = new ArrayList<>();   // {letters, column or null}
        for (Statement.Privilege p : g.privileges()) {
            String letters;
            if (p.name().equals("all")) {
                letters = t.letters();
            } else {
                char letter = Access.LETTERS.charAt(Access.NAMES.indexOf(p.name()));
                if (t.letters().indexOf(letter) < 0) {
                    throw b.error(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type "
                            + p.name().toUpperCase(java.util.Locale.ROOT) + " for " + t.kind(), g.pos());
                }
                letters = String.valueOf(letter);
            }
            if (p.columns().isEmpty()) {
                wanted.add(new String[] {letters, null});
                continue;
            }
            String columnLetters = letters.chars().filter(ch -> "arwx".indexOf(ch) >= 0)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
            if (t.table() == null) {
                throw b.error(SqlState.INVALID_GRANT_OPERATION, "column privileges are only valid for relations",
                        g.pos());
            }
            if (!p.name().equals("all") && columnLetters.isEmpty()) {
                throw b.error(SqlState.INVALID_GRANT_OPERATION, "invalid privilege type "
                        + p.name().toUpperCase(java.util.Locale.ROOT) + " for column", g.pos());
            }
            for (String col : p.columns()) {
                if (t.table().columnIndex(col) < 0) {
                    throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" of relation \""
                            + SchemaNames.localOf(t.table().name()) + "\" does not exist", g.pos());
                }
                wanted.add(new String[] {columnLetters, col});
            }
        }
        List<Access.Grant> acl = new ArrayList<>(a.acl(t.key()));
        for (String grantee : grantees) {
            for (String[] w : wanted) {
                if (!g.grant() && w[1] == null) {   // REVOKE on the table takes the column privileges too
                    acl.replaceAll(x -> !x.grantee().equals(grantee) || x.column() == null ? x
                            : new Access.Grant(x.grantee(), x.grantor(), g.grantOption() ? x.letters()
                                    : without(x.letters(), w[0]), without(x.grantable(), w[0]), x.column()));
                    acl.removeIf(x -> x.letters().isEmpty());
                }
                String column = w[1];
                int at = -1;
                for (int i = 0; i < acl.size(); i++) {
                    if (acl.get(i).grantee().equals(grantee) && java.util.Objects.equals(acl.get(i).column(), column)) {
                        at = i;
                    }
                }
                Access.Grant old = at < 0 ? new Access.Grant(grantee, b.system().user(), "", "", column) : acl.get(at);
                String letters;
                String grantable;
                if (g.grant()) {
                    letters = ordered(old.letters() + w[0]);
                    grantable = g.grantOption() ? ordered(old.grantable() + w[0]) : old.grantable();
                } else {
                    letters = g.grantOption() ? old.letters() : without(old.letters(), w[0]);
                    grantable = without(old.grantable(), w[0]);
                }
                Access.Grant next = new Access.Grant(grantee, old.grantor(), letters, grantable, column);
                if (at >= 0) {
                    acl.remove(at);
                }
                if (!letters.isEmpty()) {
                    acl.add(at >= 0 ? at : acl.size(), next);
                }
            }
        }
        return a.withAcl(t.key(), acl);
    }

    /** {@code letters} without repeats, in {@link Access#LETTERS} order. */
    private static String ordered(String letters) {
        StringBuilder out = new StringBuilder();
        for (char c : Access.LETTERS.toCharArray()) {
            if (letters.indexOf(c) >= 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String without(String letters, String removed) {
        StringBuilder out = new StringBuilder();
        for (char c : letters.toCharArray()) {
            if (removed.indexOf(c) < 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
