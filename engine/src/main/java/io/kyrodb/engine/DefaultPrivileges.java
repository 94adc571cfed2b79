package io.kyrodb.engine;

import io.kyrodb.engine.catalog.Access;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.txn.Transaction;

import java.util.ArrayList;
import java.util.List;

/**
 * ALTER DEFAULT PRIVILEGES at work: after a statement created tables, views or sequences (CREATE
 * TABLE, VIEW, SEQUENCE, a SERIAL's sequence, CREATE TABLE AS, CREATE MATERIALIZED VIEW), grants what
 * the defaults of the creating user (the session's) say, those for any schema and those for the
 * object's schema, in the same transaction. Costs nothing while no default privileges exist.
 */
final class DefaultPrivileges {
    private DefaultPrivileges() {
    }

    static void apply(Session s, Transaction t, Catalog before, String user) {
        Access access = t.writeCatalog().access();
        String prefix = "defaults:" + user + ":";
        if (access.acls().keySet().stream().noneMatch(k -> k.startsWith(prefix))) {
            return;
        }
        Catalog now = t.writeCatalog();
        List<String[]> created = new ArrayList<>();   // {key, kind}
        now.tables().forEach(x -> {
            if (before.table(x.name()) == null) {
                created.add(new String[] {x.name(), "tables"});
            }
        });
        now.views().forEach(v -> {
            if (before.view(v.name()) == null) {
                created.add(new String[] {v.name(), "tables"});
            }
        });
        now.sequences().forEach(q -> {
            if (before.sequence(q.name()) == null) {
                created.add(new String[] {q.name(), "sequences"});
            }
        });
        Access next = access;
        for (String[] c : created) {
            List<Access.Grant> acl = new ArrayList<>(next.acl(Access.relation(c[0])));
            for (String schema : new String[] {null, SchemaNames.schemaOf(c[0])}) {
                for (Access.Grant g : access.acl(Access.defaults(user, schema, c[1]))) {
                    merge(acl, g, user);
                }
            }
            if (!acl.equals(next.acl(Access.relation(c[0])))) {
                next = next.withAcl(Access.relation(c[0]), acl);
            }
        }
        if (next != access) {
            s.apply(t, new Change.DefineAccess(next));
        }
    }

    /** {@code g}'s letters added to {@code acl}'s entry for the same grantee (granted by {@code user}). */
    private static void merge(List<Access.Grant> acl, Access.Grant g, String user) {
        for (int i = 0; i < acl.size(); i++) {
            Access.Grant a = acl.get(i);
            if (a.grantee().equals(g.grantee()) && a.column() == null) {
                acl.set(i, new Access.Grant(a.grantee(), a.grantor(), union(a.letters(), g.letters()),
                        union(a.grantable(), g.grantable()), null));
                return;
            }
        }
        acl.add(new Access.Grant(g.grantee(), user, g.letters(), g.grantable(), null));
    }

    private static String union(String a, String b) {
        StringBuilder out = new StringBuilder();
        for (char c : Access.LETTERS.toCharArray()) {
            if (a.indexOf(c) >= 0 || b.indexOf(c) >= 0) {
                out.append(c);
            }
        }
        return out.toString();
    }
}
