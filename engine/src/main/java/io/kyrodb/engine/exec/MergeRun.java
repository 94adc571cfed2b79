package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.Trigger;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.plan.MergePlan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.TableData;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes a MERGE's changes as {@link Mutations} does for the other writing statements: every
 * joined row is decided first (all read the statement's snapshot), then the constraints are checked
 * on the whole, so a failing MERGE changes nothing. A target row that two source rows would update
 * or delete is 21000, as in PostgreSQL.
 *
 * <p>A target table without a primary key has hidden row ids the joined row does not carry: its
 * rows are found by their values, rows with equal values handed out in turn (as {@link JoinTargets}
 * does).
 *
 * <p>Row triggers fire as PostgreSQL fires them for the action each joined row takes: BEFORE ROW
 * INSERT, UPDATE or DELETE as the row is decided (it may change the new row, or skip the action by
 * returning NULL), AFTER ROW queued in the order the rows were decided. UPDATE OF triggers fire on
 * every MERGE update (the clause's assigned columns are not kept).
 */
final class MergeRun {
    private MergeRun() {
    }

    static Mutations.Result run(MergePlan plan, ExecContext ctx, Catalog catalog, RowTriggers triggers) {
        Table table = plan.table();
        TableData data = table.data();
        ReadView view = ctx.view();
        int width = table.columns().size();
        int offset = plan.targetOffset();
        Map<GroupKey, ArrayDeque<Map.Entry<Object, Object[]>>> byValue = table.hasPrimaryKey() ? null : rowsByValue(table, view);
        TreeSet<Object> touched = new TreeSet<>(KeyComparator.INSTANCE);
        // the stored version of each target row the MERGE updates or deletes, by key
        TreeMap<Object, Object[]> oldRows = new TreeMap<>(KeyComparator.INSTANCE);
        List<Object[]> updateKeys = new ArrayList<>();   // {oldKey, newRow}
        List<Object> deleteKeys = new ArrayList<>();
        List<Object[]> inserted = new ArrayList<>();
        RowIterator joined = ctx.open(plan.join());
        for (Object[] input; (input = joined.next()) != null; ) {
            Object[] target = Arrays.copyOfRange(input, offset, offset + width);
            boolean matched = input[plan.matchedSlot()] != null;
            MergePlan.Clause clause = choose(plan.clauses(), matched, input, ctx);
            if (clause == null || clause.action() == MergePlan.Action.NOTHING) {
                continue;
            }
            if (clause.action() == MergePlan.Action.INSERT) {
                Object[] row = evaluate(clause.values(), input, ctx);
                if (triggers != null) {
                    row = triggers.before(table, Trigger.INSERT, null, row, List.of());
                    if (row == null) {
                        continue;   // a BEFORE trigger skipped the row
                    }
                    triggers.after(table, Trigger.INSERT, null, row, List.of());
                }
                inserted.add(row);
                continue;
            }
            Object key;
            Object[] old;
            if (byValue == null) {
                key = data.keyOf(target);
                old = target;
            } else {
                ArrayDeque<Map.Entry<Object, Object[]>> same = byValue.get(new GroupKey(target));
                Map.Entry<Object, Object[]> e = same == null ? null : same.poll();
                key = e == null ? null : e.getKey();
                old = e == null ? target : e.getValue();
            }
            if (key == null || !touched.add(key)) {
                throw new KyroException(SqlState.CARDINALITY_VIOLATION, "MERGE command cannot affect row a second time"
                        + " (hint: ensure that not more than one source row matches any one target row)");
            }
            if (clause.action() == MergePlan.Action.DELETE) {
                if (triggers != null) {
                    if (triggers.before(table, Trigger.DELETE, old, null, List.of()) == null) {
                        continue;
                    }
                    triggers.after(table, Trigger.DELETE, old, null, List.of());
                }
                oldRows.put(key, old);
                deleteKeys.add(key);
            } else {
                Object[] row = evaluate(clause.values(), input, ctx);
                if (triggers != null) {
                    row = triggers.before(table, Trigger.UPDATE, old, row, null);
                    if (row == null) {
                        continue;
                    }
                    triggers.after(table, Trigger.UPDATE, old, row, null);
                }
                oldRows.put(key, old);
                updateKeys.add(new Object[]{key, row});
            }
        }
        return changes(plan, ctx, catalog, oldRows, updateKeys, deleteKeys, inserted, triggers);
    }

    private static Mutations.Result changes(MergePlan plan, ExecContext ctx, Catalog catalog,
                                            TreeMap<Object, Object[]> oldRows, List<Object[]> updates,
                                            List<Object> deletes, List<Object[]> inserted, RowTriggers triggers) {
        Table table = plan.table();
        TableData data = table.data();
        ReadView view = ctx.view();
        List<Change> removals = new ArrayList<>();
        List<Change> puts = new ArrayList<>();
        TreeSet<Object> newKeys = new TreeSet<>(KeyComparator.INSTANCE);
        List<IndexMaintenance.RowChange> changed = new ArrayList<>();
        List<IndexMaintenance.RowChange> indexed = new ArrayList<>();
        List<Object[]> newRows = new ArrayList<>();
        for (Object key : deletes) {
            removals.add(new Change.Delete(table.name(), key));
            IndexMaintenance.RowChange c = new IndexMaintenance.RowChange(key, oldRows.get(key), null, null);
            changed.add(c);
            indexed.add(c);
        }
        List<Object> movedTo = new ArrayList<>();
        for (Object[] u : updates) {
            Object oldKey = u[0];
            Object[] row = (Object[]) u[1];
            Mutations.checkNotNull(table, row);
            Mutations.checkRow(table, row, plan.checks(), ctx);
            Object key = data.rekey(oldKey, row);
            if (KeyComparator.INSTANCE.compare(key, oldKey) != 0) {
                removals.add(new Change.Delete(table.name(), oldKey));
                movedTo.add(key);
            }
            if (!newKeys.add(key)) {
                throw Mutations.duplicateKey(table, key);
            }
            puts.add(new Change.Put(table.name(), key, row));
            IndexMaintenance.RowChange c = new IndexMaintenance.RowChange(oldKey, oldRows.get(oldKey), key, row);
            changed.add(c);
            indexed.add(c);
            newRows.add(row);
        }
        for (Object[] row : inserted) {
            Mutations.checkNotNull(table, row);
            Mutations.checkRow(table, row, plan.checks(), ctx);
            Object key = data.keyOf(row);
            if (!newKeys.add(key)) {
                throw Mutations.duplicateKey(table, key);
            }
            if (table.hasPrimaryKey()) {
                movedTo.add(key);
            }
            puts.add(new Change.Put(table.name(), key, row));
            indexed.add(new IndexMaintenance.RowChange(key, null, key, row));
            newRows.add(row);
        }
        // As for UPDATE, keys are checked when the statement ends: a row may take a key another row
        // left. A row this MERGE touched either left its key or keeps it (then newKeys caught a clash).
        for (Object key : movedTo) {
            if (!oldRows.containsKey(key) && data.get(key, view) != null) {
                throw Mutations.duplicateKey(table, key);
            }
        }
        List<Change> out = new ArrayList<>(removals);
        out.addAll(puts);
        out.addAll(IndexMaintenance.changes(catalog.indexesOf(table.name()), table, indexed, view));
        if (!table.foreignKeys().isEmpty() && !newRows.isEmpty()) {
            ForeignKeys.checkReferences(catalog, table, newRows, view);
        }
        out.addAll(ForeignKeys.onReferencedChanges(catalog, table, changed, ctx, plan.referencing(), triggers));
        return new Mutations.Result(out, deletes.size() + updates.size() + inserted.size());
    }

    private static MergePlan.Clause choose(List<MergePlan.Clause> clauses, boolean matched, Object[] input,
                                           ExecContext ctx) {
        for (MergePlan.Clause c : clauses) {
            if (c.matched() == matched && (c.condition() == null
                    || Boolean.TRUE.equals(c.condition().eval(input, ctx)))) {
                return c;
            }
        }
        return null;
    }

    private static Object[] evaluate(List<BoundExpr> exprs, Object[] input, ExecContext ctx) {
        Object[] row = new Object[exprs.size()];
        for (int i = 0; i < row.length; i++) {
            row[i] = exprs.get(i).eval(input, ctx);
        }
        return row;
    }

    private static Map<GroupKey, ArrayDeque<Map.Entry<Object, Object[]>>> rowsByValue(Table table, ReadView view) {
        Map<GroupKey, ArrayDeque<Map.Entry<Object, Object[]>>> out = new HashMap<>();
        for (Iterator<Map.Entry<Object, Object[]>> it = table.data().entries(view); it.hasNext(); ) {
            Map.Entry<Object, Object[]> e = it.next();
            out.computeIfAbsent(new GroupKey(e.getValue()), k -> new ArrayDeque<>()).add(Map.entry(e.getKey(), e.getValue()));
        }
        return out;
    }
}
