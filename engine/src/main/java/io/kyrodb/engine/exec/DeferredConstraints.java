package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.ReadView;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DEFERRABLE constraints of one session's transaction: which are deferred now (their
 * INITIALLY DEFERRED, or SET CONSTRAINTS), and which a statement left unchecked because they were.
 * A deferred UNIQUE or FOREIGN KEY constraint is not checked at the end of the statement; the
 * statement notes it here instead, and the whole constraint is checked again when the transaction
 * commits (or SET CONSTRAINTS ... IMMEDIATE makes it immediate): every row of its table, as the
 * transaction's writer sees it. So a transaction may swap two rows' unique values or insert a child
 * before its parent; if the constraint still does not hold at COMMIT, the COMMIT fails with
 * 23505 / 23503 and nothing of the transaction is written (the checks run before its COMMIT
 * record is appended). Owned by the session's thread.
 */
public final class DeferredConstraints {
    /** Where a statement's {@link ExecContext} carries the session's instance ({@link ExecContext#nodeState()}). */
    private static final Object KEY = new Object();

    /** One constraint a statement left unchecked: a foreign key of {@code table}, or the UNIQUE index {@code name}. */
    private record Pending(String table, String name, boolean unique) {
    }

    /** SET CONSTRAINTS ALL: TRUE deferred, FALSE immediate, null not said. */
    private Boolean all;
    /** SET CONSTRAINTS name: by constraint name (unqualified), said after the last ALL. */
    private final Map<String, Boolean> named = new HashMap<>();
    private final Set<Pending> pending = new LinkedHashSet<>();

    /** Gives a statement's context the session's deferred constraints. */
    public void attach(ExecContext ctx) {
        ctx.nodeState().put(KEY, this);
    }

    /** The session's instance a statement runs with, or null (every constraint immediate). */
    static DeferredConstraints of(ExecContext ctx) {
        return ctx == null ? null : (DeferredConstraints) ctx.nodeState().get(KEY);
    }

    private boolean deferred(String name, boolean deferrable, boolean initiallyDeferred) {
        if (!deferrable) {
            return false;
        }
        Boolean b = named.get(SchemaNames.localOf(name));
        return b != null ? b : all != null ? all : initiallyDeferred;
    }

    /** Whether foreign key {@code fk} of {@code table} is deferred now; if so it is noted to be checked later. */
    static boolean defer(ExecContext ctx, Table table, ForeignKey fk) {
        DeferredConstraints d = of(ctx);
        if (d == null || !d.deferred(fk.name(), fk.deferrable(), fk.initiallyDeferred())) {
            return false;
        }
        d.pending.add(new Pending(table.name(), fk.name(), false));
        return true;
    }

    /** Whether UNIQUE index {@code index} is deferred now; if so it is noted to be checked later. */
    static boolean defer(ExecContext ctx, Index index) {
        DeferredConstraints d = of(ctx);
        if (d == null || !d.deferred(index.name(), index.deferrable(), index.initiallyDeferred())) {
            return false;
        }
        d.pending.add(new Pending(index.table(), index.name(), true));
        return true;
    }

    /**
     * SET CONSTRAINTS {ALL | names} {DEFERRED | IMMEDIATE} ({@code names} empty for ALL): 42704 for
     * a name no constraint of {@code catalog} has, 42809 for one that is not DEFERRABLE.
     */
    public void set(Catalog catalog, List<String> names, boolean deferred) {
        for (String n : names) {
            String local = SchemaNames.localOf(n);
            boolean found = false;
            boolean deferrable = false;
            for (Table t : catalog.tables()) {
                for (ForeignKey f : t.foreignKeys()) {
                    if (f.name().equals(local)) {
                        found = true;
                        deferrable |= f.deferrable();
                    }
                }
                found |= t.checks().stream().anyMatch(k -> k.name().equals(local))
                        || (t.hasPrimaryKey() && (SchemaNames.localOf(t.name()) + "_pkey").equals(local));
            }
            for (Index i : catalog.indexes()) {
                if (i.unique() && SchemaNames.localOf(i.name()).equals(local)) {
                    found = true;
                    deferrable |= i.deferrable();
                }
            }
            if (!found) {
                throw new KyroException(SqlState.UNDEFINED_OBJECT, "constraint \"" + n + "\" does not exist");
            }
            if (!deferrable) {
                throw new KyroException(SqlState.WRONG_OBJECT_TYPE, "constraint \"" + n + "\" is not deferrable");
            }
        }
        set(names.stream().map(SchemaNames::localOf).toList(), deferred);
    }

    private void set(List<String> names, boolean deferred) {
        if (names.isEmpty()) {
            all = deferred;
            named.clear();
        } else {
            for (String n : names) {
                named.put(n, deferred);
            }
        }
    }

    /**
     * Checks every noted constraint that is no longer deferred (all of them when {@code commit}):
     * 23505 or 23503 for the first that does not hold, as the writer sees the rows through {@code view}.
     */
    public void check(Catalog catalog, ReadView view, boolean commit) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            Table table = catalog.table(p.table());
            if (p.unique()) {
                Index index = catalog.index(p.name());
                if (index == null || table == null) {
                    it.remove();   // dropped since
                    continue;
                }
                if (!commit && deferred(index.name(), index.deferrable(), index.initiallyDeferred())) {
                    continue;
                }
                checkUnique(index, table, view);
            } else {
                ForeignKey fk = table == null ? null
                        : table.foreignKeys().stream().filter(f -> f.name().equals(p.name())).findFirst().orElse(null);
                if (fk == null) {
                    it.remove();
                    continue;
                }
                if (!commit && deferred(fk.name(), fk.deferrable(), fk.initiallyDeferred())) {
                    continue;
                }
                checkForeignKey(catalog, table, fk, view);
            }
            it.remove();
        }
    }

    /** The transaction ended: nothing is pending and SET CONSTRAINTS no longer applies. */
    public void reset() {
        all = null;
        named.clear();
        pending.clear();
    }

    /** Whether a statement left a constraint unchecked. */
    public boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Equal non-NULL values are neighbours among the index's entries, which are sorted by value. */
    private static void checkUnique(Index index, Table table, ReadView view) {
        Object[] previous = null;
        for (Iterator<Map.Entry<Object, Object[]>> it = index.storage().data().entries(view); it.hasNext(); ) {
            Object[] values = index.keyOnly(index.values(it.next().getValue()));
            if (java.util.Arrays.asList(values).contains(null)) {
                values = null;   // NULLs are distinct
            }
            if (values != null && previous != null
                    && new GroupKey(values).equals(new GroupKey(previous))) {
                throw IndexMaintenance.violation(index, table, values);
            }
            previous = values;
        }
    }

    private static void checkForeignKey(Catalog catalog, Table child, ForeignKey fk, ReadView view) {
        Table parent = catalog.table(fk.refTable());
        for (Iterator<Map.Entry<Object, Object[]>> it = child.data().entries(view); it.hasNext(); ) {
            Object[] values = ForeignKeys.values(it.next().getValue(), fk.columns());
            if (values == null || (parent != null && ForeignKeys.exists(catalog, parent, fk.refColumns(), values, view))) {
                continue;
            }
            throw new KyroException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \""
                    + SchemaNames.localOf(child.name()) + "\" violates foreign key constraint \"" + fk.name()
                    + "\": Key (" + ForeignKeys.names(child, fk.columns()) + ")=(" + ForeignKeys.text(values)
                    + ") is not present in table \"" + SchemaNames.localOf(fk.refTable()) + "\".");
        }
    }
}
