package io.kyrodb.engine;

import io.kyrodb.engine.catalog.Access;
import io.kyrodb.engine.catalog.CheckConstraint;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.AlterTablePlan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.txn.Transaction;
import io.kyrodb.sql.ast.Statement;

import java.util.HashSet;
import java.util.Set;

/**
 * After ALTER TABLE ... ADD CONSTRAINT [... NOT VALID], VALIDATE CONSTRAINT or RENAME CONSTRAINT has
 * run in a transaction: marks the constraint not validated (NOT VALID) or validated in the catalog's
 * {@link Access}, in the same transaction (so pg_constraint.convalidated follows, and a restart keeps it).
 */
final class ConstraintValidity {
    private ConstraintValidity() {
    }

    /** Whether {@code a} adds or validates a constraint. */
    static boolean concerns(Statement.AlterTable a) {
        return a.action() instanceof Statement.AddConstraint || a.action() instanceof Statement.ValidateConstraint
                || a.action() instanceof Statement.RenameConstraint;
    }

    static void mark(Session s, Transaction t, Statement.AlterTable a, io.kyrodb.engine.plan.Plan plan,
                     io.kyrodb.engine.catalog.Catalog before) {
        if (!(plan instanceof AlterTablePlan p) || p.table() == null || p.nothing()) {
            return;
        }
        String key = p.table().name();
        Access access = t.writeCatalog().access();
        Access next = access;
        if (a.action() instanceof Statement.ValidateConstraint v) {
            next = access.withValidated(key, v.name(), true);
        } else if (a.action() instanceof Statement.RenameConstraint r && !access.validated(key, r.from())) {
            next = access.withValidated(key, r.from(), true).withValidated(key, r.to(), false);
        } else if (a.action() instanceof Statement.AddConstraint add) {
            Table old = before.table(key);
            Table now = t.writeCatalog().table(key);
            if (old == null || now == null) {
                return;
            }
            Set<String> names = names(now);
            names.removeAll(names(old));
            for (String n : names) {
                next = next.withValidated(key, n, !add.notValid());
            }
        }
        if (!next.notValidated().equals(access.notValidated())) {
            s.apply(t, new Change.DefineAccess(next));
        }
    }

    private static Set<String> names(Table t) {
        Set<String> out = new HashSet<>();
        for (CheckConstraint k : t.checks()) {
            out.add(k.name());
        }
        for (ForeignKey f : t.foreignKeys()) {
            out.add(f.name());
        }
        return out;
    }
}
