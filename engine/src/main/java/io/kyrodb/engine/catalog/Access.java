package io.kyrodb.engine.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The roles of a database, their memberships and the privileges granted on its objects, immutable
 * like the {@link Catalog} that holds it (CREATE ROLE, GRANT ... replace it as a whole, logged as one
 * change). KyroDB is embedded: the connection's own user (the JDBC {@code user}, "kyro" by default)
 * is a superuser that is not listed here and may do everything; these roles are recorded so that
 * scripts written for PostgreSQL run and tools can read them back, and no connection is refused or
 * checked against them (see README "Roles and privileges").
 * <p>
 * Privileges are kept per object as PostgreSQL's aclitem letters ({@link #LETTERS}): the key of an
 * object is {@link #relation}, {@link #schema}, {@link #function}, {@link #database}, {@link #type} or
 * {@link #defaults}. {@code notValidated}: the NOT VALID constraints, keyed {@link #constraint}.
 */
public final class Access {
    /** PostgreSQL 15's privilege letters in aclitem order, and the privilege each stands for. */
    public static final String LETTERS = "arwdDxtXUCTc";
    public static final List<String> NAMES = List.of("insert", "select", "update", "delete", "truncate", "references",
            "trigger", "execute", "usage", "create", "temporary", "connect");
    /** The first OID handed to a role (PostgreSQL's first normal OID is 16384; relations use computed ones). */
    static final long FIRST_OID = 16_000;

    public static final Access EMPTY = new Access(Map.of(), List.of(), Map.of(), Set.of(), FIRST_OID);

    /** A role's attributes; {@code passwordHash}: "SCRAM-SHA-256$..."-like text, or null. */
    public record Role(long oid, String name, boolean superuser, boolean inherit, boolean createrole,
                       boolean createdb, boolean login, boolean replication, boolean bypassrls,
                       int connectionLimit, String passwordHash, String validUntil) {
        public Role renamed(String to) {
            return new Role(oid, to, superuser, inherit, createrole, createdb, login, replication, bypassrls,
                    connectionLimit, passwordHash, validUntil);
        }
    }

    /** {@code member} is a member of {@code role} ({@code admin}: WITH ADMIN OPTION); {@code grantor} granted it. */
    public record Member(String role, String member, String grantor, boolean admin) {
    }

    /**
     * Privileges of {@code grantee} ("" for PUBLIC) granted by {@code grantor} on one object: letters of
     * {@link #LETTERS}; {@code grantable} those WITH GRANT OPTION. {@code columns}: the column's name
     * for a column privilege, else null.
     */
    public record Grant(String grantee, String grantor, String letters, String grantable, String column) {
        /** PostgreSQL's aclitem text: grantee=letters/grantor, with * after a grantable letter. */
        public String aclitem() {
            StringBuilder b = new StringBuilder(grantee).append('=');
            for (char c : letters.toCharArray()) {
                b.append(c);
                if (grantable.indexOf(c) >= 0) {
                    b.append('*');
                }
            }
            return b.append('/').append(grantor).toString();
        }
    }

    private final NavigableMap<String, Role> roles;
    private final List<Member> members;
    private final NavigableMap<String, List<Grant>> acls;
    private final Set<String> notValidated;
    private final long nextOid;

    public Access(Map<String, Role> roles, List<Member> members, Map<String, List<Grant>> acls,
                  Set<String> notValidated, long nextOid) {
        this.roles = Collections.unmodifiableNavigableMap(new TreeMap<>(roles));
        this.members = List.copyOf(members);
        TreeMap<String, List<Grant>> a = new TreeMap<>();
        acls.forEach((k, v) -> {
            if (!v.isEmpty()) {
                a.put(k, List.copyOf(v));
            }
        });
        this.acls = Collections.unmodifiableNavigableMap(a);
        this.notValidated = Collections.unmodifiableSet(new TreeSet<>(notValidated));
        this.nextOid = nextOid;
    }

    public static String relation(String key) {
        return "relation:" + key;
    }

    public static String schema(String name) {
        return "schema:" + name;
    }

    public static String function(String key) {
        return "function:" + key;
    }

    public static String database(String name) {
        return "database:" + name;
    }

    public static String type(String key) {
        return "type:" + key;
    }

    /** ALTER DEFAULT PRIVILEGES [FOR ROLE role] [IN SCHEMA schema] ... ON {@code kind} (tables, sequences ...). */
    public static String defaults(String role, String schema, String kind) {
        return "defaults:" + role + ":" + (schema == null ? "" : schema) + ":" + kind;
    }

    public static String constraint(String table, String name) {
        return table + "\u0000" + name;
    }

    public Map<String, Role> roles() {
        return roles;
    }

    public Role role(String name) {
        return roles.get(name);
    }

    public List<Member> members() {
        return members;
    }

    public Map<String, List<Grant>> acls() {
        return acls;
    }

    public List<Grant> acl(String key) {
        return acls.getOrDefault(key, List.of());
    }

    public Set<String> notValidated() {
        return notValidated;
    }

    public boolean validated(String table, String constraint) {
        return !notValidated.contains(constraint(table, constraint));
    }

    public long nextOid() {
        return nextOid;
    }

    public boolean isEmpty() {
        return roles.isEmpty() && members.isEmpty() && acls.isEmpty() && notValidated.isEmpty();
    }

    public Access withRole(Role r) {
        TreeMap<String, Role> next = new TreeMap<>(roles);
        next.put(r.name(), r);
        return new Access(next, members, acls, notValidated, Math.max(nextOid, r.oid() + 1));
    }

    /** Without role {@code name}, its memberships and the privileges granted to it. */
    public Access withoutRole(String name) {
        TreeMap<String, Role> next = new TreeMap<>(roles);
        next.remove(name);
        List<Member> m = members.stream().filter(x -> !x.role().equals(name) && !x.member().equals(name)).toList();
        TreeMap<String, List<Grant>> a = new TreeMap<>();
        acls.forEach((k, v) -> a.put(k, v.stream().filter(g -> !g.grantee().equals(name)).toList()));
        a.keySet().removeIf(k -> k.startsWith("defaults:" + name + ":"));
        return new Access(next, m, a, notValidated, nextOid);
    }

    /** Role {@code from} renamed {@code to}, in its memberships and grants too. */
    public Access renamed(String from, String to) {
        TreeMap<String, Role> next = new TreeMap<>(roles);
        next.put(to, next.remove(from).renamed(to));
        List<Member> m = members.stream().map(x -> new Member(x.role().equals(from) ? to : x.role(),
                x.member().equals(from) ? to : x.member(), x.grantor().equals(from) ? to : x.grantor(), x.admin()))
                .toList();
        TreeMap<String, List<Grant>> a = new TreeMap<>();
        acls.forEach((k, v) -> a.put(k, v.stream().map(g -> new Grant(g.grantee().equals(from) ? to : g.grantee(),
                g.grantor().equals(from) ? to : g.grantor(), g.letters(), g.grantable(), g.column())).toList()));
        return new Access(next, m, a, notValidated, nextOid);
    }

    public Access withMembers(List<Member> next) {
        return new Access(roles, next, acls, notValidated, nextOid);
    }

    public Access withAcl(String key, List<Grant> acl) {
        TreeMap<String, List<Grant>> a = new TreeMap<>(acls);
        a.put(key, acl);
        return new Access(roles, members, a, notValidated, nextOid);
    }

    /** Constraint {@code name} of {@code table} marked validated or not (NOT VALID). */
    public Access withValidated(String table, String name, boolean validated) {
        TreeSet<String> next = new TreeSet<>(notValidated);
        if (validated) {
            next.remove(constraint(table, name));
        } else {
            next.add(constraint(table, name));
        }
        return new Access(roles, members, acls, next, nextOid);
    }

    /** Whether anything is kept for relation {@code key} (grants on it, NOT VALID constraints of it). */
    public boolean concerns(String key) {
        return acls.containsKey(relation(key)) || notValidated.stream().anyMatch(c -> c.startsWith(key + "\u0000"));
    }

    /** What is kept for relation {@code from} moved to {@code to} (a table renamed or moved to another schema). */
    public Access movedRelation(String from, String to) {
        TreeMap<String, List<Grant>> a = new TreeMap<>(acls);
        List<Grant> grants = a.remove(relation(from));
        if (grants != null) {
            a.put(relation(to), grants);
        }
        TreeSet<String> nv = new TreeSet<>();
        for (String c : notValidated) {
            nv.add(c.startsWith(from + "\u0000") ? to + c.substring(from.length()) : c);
        }
        return new Access(roles, members, a, nv, nextOid);
    }

    /** Without what is kept for relation {@code key} (DROP TABLE). */
    public Access withoutRelation(String key) {
        TreeMap<String, List<Grant>> a = new TreeMap<>(acls);
        a.remove(relation(key));
        TreeSet<String> nv = new TreeSet<>(notValidated);
        nv.removeIf(c -> c.startsWith(key + "\u0000"));
        return new Access(roles, members, a, nv, nextOid);
    }

    /** The roles whose privileges {@code role} has: itself, PUBLIC ("") and, through INHERIT, what it is a member of. */
    public Set<String> effectiveRoles(String role) {
        Set<String> out = new TreeSet<>();
        out.add("");
        List<String> todo = new ArrayList<>(List.of(role));
        while (!todo.isEmpty()) {
            String r = todo.remove(todo.size() - 1);
            if (!out.add(r)) {
                continue;
            }
            Role def = roles.get(r);
            if (def != null && !def.inherit()) {
                continue;
            }
            for (Member m : members) {
                if (m.member().equals(r)) {
                    todo.add(m.role());
                }
            }
        }
        return out;
    }

    /** Whether {@code role} (a listed role) holds privilege {@code letter} on object {@code key} (any column: {@code anyColumn}). */
    public boolean holds(String role, String key, char letter, boolean anyColumn) {
        Role r = roles.get(role);
        if (r != null && r.superuser()) {
            return true;
        }
        Set<String> as = effectiveRoles(role);
        for (Grant g : acl(key)) {
            if (as.contains(g.grantee()) && g.letters().indexOf(letter) >= 0 && (anyColumn || g.column() == null)) {
                return true;
            }
        }
        return false;
    }
}
