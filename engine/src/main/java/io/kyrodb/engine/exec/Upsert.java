package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.plan.InsertConflict;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.TableData;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * INSERT ... ON CONFLICT (PostgreSQL's semantics). Proposed rows are taken in order; a row that
 * violates an arbiter constraint, against the table before the statement or a row the statement
 * already wrote, is skipped (DO NOTHING) or turns into an update of the row it conflicts with (DO
 * UPDATE, 21000 if that row was already inserted or updated by this statement). Only inserted and
 * updated rows count. Violations of constraints that are not arbiters fail with 23505 as usual.
 */
final class Upsert {
    private final Table table;
    private final InsertConflict conflict;
    private final ExecContext ctx;
    private final ReadView view;
    private final TableData data;
    /** Rows this statement writes, by key: inserted ones and the new versions of updated ones. */
    private final TreeMap<Object, Object[]> written = new TreeMap<>(KeyComparator.INSTANCE);
    /** Keys of updated rows, with the row the statement found there. */
    private final TreeMap<Object, Object[]> replaced = new TreeMap<>(KeyComparator.INSTANCE);
    /** Old keys of updated rows whose key changed: no row is there any more. */
    private final TreeSet<Object> gone = new TreeSet<>(KeyComparator.INSTANCE);
    /** For each arbiter index: the key of the row this statement wrote with those indexed values. */
    private final Map<Index, Map<GroupKey, Object>> writtenValues = new HashMap<>();
    private final List<IndexMaintenance.RowChange> changes = new ArrayList<>();
    private long count;

    private List<io.kyrodb.engine.plan.RowCheck> checks = List.of();
    private List<Index> indexes = List.of();
    /** The arbiter EXCLUDE constraints (DO NOTHING), bound at the first proposed row. */
    private List<ExclusionChecks.Bound> exclusions;
    /** The statement's row triggers (null: none): BEFORE INSERT for each proposed row, BEFORE UPDATE for a conflict. */
    private RowTriggers triggers;

    private Upsert(Table table, InsertConflict conflict, ExecContext ctx) {
        this.table = table;
        this.conflict = conflict;
        this.ctx = ctx;
        this.view = ctx.view();
        this.data = table.data();
        for (Index i : conflict.indexes()) {
            writtenValues.put(i, new HashMap<>());
        }
    }

    static Mutations.Result compute(Table table, InsertConflict conflict, List<Object[]> proposed, ExecContext ctx,
                                    Catalog catalog, List<io.kyrodb.engine.plan.RowCheck> checks) {
        return compute(table, conflict, proposed, ctx, catalog, checks, null);
    }

    static Mutations.Result compute(Table table, InsertConflict conflict, List<Object[]> proposed, ExecContext ctx,
                                    Catalog catalog, List<io.kyrodb.engine.plan.RowCheck> checks, RowTriggers triggers) {
        Upsert u = new Upsert(table, conflict, ctx);
        u.checks = checks;
        u.triggers = triggers;
        u.indexes = catalog.indexesOf(table.name());
        for (Object[] row : proposed) {
            u.propose(row);
        }
        List<Change> out = new ArrayList<>();
        for (Object key : u.gone) {
            out.add(new Change.Delete(table.name(), key));
        }
        for (Map.Entry<Object, Object[]> e : u.written.entrySet()) {
            out.add(new Change.Put(table.name(), e.getKey(), e.getValue()));
        }
        out.addAll(IndexMaintenance.changes(catalog.indexesOf(table.name()), table, u.changes, u.view, ctx));
        return new Mutations.Result(out, u.count, u.changes.stream().map(IndexMaintenance.RowChange::newRow).toList());
    }

    private void propose(Object[] row) {
        if (triggers != null) {   // as PostgreSQL: BEFORE INSERT first, then the conflict check on what it returned
            row = triggers.before(table, io.kyrodb.engine.catalog.Trigger.INSERT, null, row, List.of());
            if (row == null) {
                return;
            }
        }
        Mutations.generate(row, checks, ctx);
        Mutations.checkNotNull(table, row);
        if (exclusions == null) {
            exclusions = ExclusionChecks.bind(table, conflict.exclusions(), indexes);
        }
        if (!exclusions.isEmpty() && ExclusionChecks.conflicts(table, exclusions, row, view, written.values())) {
            return;   // DO NOTHING: it would violate an arbiter EXCLUDE constraint
        }
        Object key = conflictingKey(row);
        if (key == null) {
            insert(row);
        } else if (!conflict.doNothing()) {
            update(key, row);
        }
    }

    private void insert(Object[] row) {
        Mutations.checkRow(table, row, checks, ctx);
        Object key = data.keyOf(row);
        if (table.hasPrimaryKey() && current(key) != null) {
            throw Mutations.duplicateKey(table, key);
        }
        written.put(key, row);
        changes.add(new IndexMaintenance.RowChange(key, null, key, row));
        remember(key, row);
        count++;
        if (triggers != null) {
            triggers.after(table, io.kyrodb.engine.catalog.Trigger.INSERT, null, row, List.of());
        }
    }

    private void update(Object key, Object[] proposed) {
        if (written.containsKey(key)) {
            throw new KyroException(SqlState.CARDINALITY_VIOLATION, "ON CONFLICT DO UPDATE command cannot affect row"
                    + " a second time (Ensure that no rows proposed for insertion within the same command have"
                    + " duplicate constrained values.)");
        }
        Object[] existing = data.get(key, view);
        Object[] both = new Object[existing.length + proposed.length];
        System.arraycopy(existing, 0, both, 0, existing.length);
        System.arraycopy(proposed, 0, both, existing.length, proposed.length);
        if (conflict.where() != null && !Boolean.TRUE.equals(conflict.where().eval(both, ctx))) {
            return;
        }
        Object[] row = new Object[existing.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = conflict.values().get(i).eval(both, ctx);
        }
        if (triggers != null) {
            row = triggers.before(table, io.kyrodb.engine.catalog.Trigger.UPDATE, existing, row, null);
            if (row == null) {
                return;
            }
        }
        Mutations.generate(row, checks, ctx);
        Mutations.checkNotNull(table, row);
        Mutations.checkRow(table, row, checks, ctx);
        Object newKey = data.rekey(key, row);
        if (KeyComparator.INSTANCE.compare(newKey, key) != 0) {
            if (current(newKey) != null) {
                throw Mutations.duplicateKey(table, newKey);
            }
            gone.add(key);
        }
        replaced.put(key, existing);
        written.put(newKey, row);
        changes.add(new IndexMaintenance.RowChange(key, existing, newKey, row));
        remember(newKey, row);
        count++;
        if (triggers != null) {
            triggers.after(table, io.kyrodb.engine.catalog.Trigger.UPDATE, existing, row, null);
        }
    }

    /** The row at {@code key} as the statement has left it so far, or null. */
    private Object[] current(Object key) {
        Object[] w = written.get(key);
        if (w != null || gone.contains(key)) {
            return w;
        }
        return data.get(key, view);
    }

    /** The key of the row {@code row} conflicts with on an arbiter, or null. */
    private Object conflictingKey(Object[] row) {
        if (conflict.primaryKey()) {
            Object key = data.keyOf(row);
            if (current(key) != null) {
                return key;
            }
        }
        for (Index index : conflict.indexes()) {
            Object[] values = valuesOf(index, row);
            if (values == null) {
                continue;
            }
            Object mine = writtenValues.get(index).get(new GroupKey(values));
            if (mine != null) {
                return mine;
            }
            for (Iterator<Object[]> it = IndexMaintenance.matching(index, values, view); it.hasNext(); ) {
                Object rowKey = index.rowKey(it.next());
                if (!replaced.containsKey(rowKey) && !written.containsKey(rowKey)) {
                    return rowKey;
                }
            }
        }
        return null;
    }

    private void remember(Object key, Object[] row) {
        for (Index index : conflict.indexes()) {
            Object[] values = valuesOf(index, row);
            if (values != null) {
                writtenValues.get(index).put(new GroupKey(values), key);
            }
        }
    }

    /** The indexed values of {@code row}, or null when it conflicts with nothing (a NULL, or outside a partial index). */
    private static Object[] valuesOf(Index index, Object[] row) {
        return IndexMaintenance.valuesOf(index, row);
    }
}
