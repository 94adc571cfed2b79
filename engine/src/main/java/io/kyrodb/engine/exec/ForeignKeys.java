package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.TableRules;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * FOREIGN KEY enforcement, for one statement, before anything is written (as the rest of
 * {@link Mutations}): a row written into a referencing table must find its referenced row (by the
 * referenced table's primary key or UNIQUE index, a lookup), and a referenced row deleted or
 * whose referenced columns change takes its ON DELETE / ON UPDATE action on the rows that
 * reference it, which are found through an index of the referencing table that starts with the
 * foreign key's columns (or its primary key), else by a scan. Cascades go on through the tables
 * they reach. Rows the statement itself deletes do not count as references (PostgreSQL checks
 * NO ACTION at the end of the statement).
 */
final class ForeignKeys {
    private final Catalog catalog;
    private final ExecContext ctx;
    private final Map<String, TableRules> rules;
    /** Keys each table loses in this statement, by table name. */
    private final Map<String, TreeSet<Object>> gone = new HashMap<>();
    private final List<Change> changes = new ArrayList<>();
    /** Rows the actions already changed, by table name and key: a second action starts from them. */
    private final Map<String, Map<Object, Object[]>> pending = new HashMap<>();

    private RowTriggers triggers;

    private ForeignKeys(Catalog catalog, ExecContext ctx, Map<String, TableRules> rules) {
        this.catalog = catalog;
        this.ctx = ctx;
        this.rules = rules;
    }

    // ---- The referencing side --------------------------------------------------------------------

    /**
     * 23503 unless each of {@code rows} (new rows of {@code table}) finds the rows its foreign keys
     * reference; {@code written} are the statement's new rows of {@code table} by key (a table
     * that references itself may reference a row of the same statement).
     */
    static void checkReferences(Catalog catalog, Table table, List<Object[]> rows, ReadView view) {
        checkReferences(catalog, table, rows, view, null);
    }

    /** The same, but a foreign key deferred in {@code ctx}'s transaction is noted for COMMIT instead. */
    static void checkReferences(Catalog catalog, Table table, List<Object[]> rows, ReadView view, ExecContext ctx) {
        checkReferences(catalog, table, rows, null, view, ctx);
    }

    /**
     * The same for UPDATE: {@code oldRows.get(i)} is what {@code rows.get(i)} replaced, and a row whose
     * key columns of a foreign key did not change is not checked against it (as PostgreSQL: a row
     * written before a NOT VALID foreign key may keep its key while other columns change).
     */
    static void checkReferences(Catalog catalog, Table table, List<Object[]> rows, List<Object[]> oldRows,
                                ReadView view, ExecContext ctx) {
        if (table.foreignKeys().isEmpty()) {
            return;
        }
        for (ForeignKey fk : table.foreignKeys()) {
            if (DeferredConstraints.defer(ctx, table, fk)) {
                continue;
            }
            Table parent = catalog.table(fk.refTable());
            for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                Object[] values = values(row, fk.columns());
                if (oldRows != null && oldRows.get(i) != null && values != null
                        && same(values(oldRows.get(i), fk.columns()), values)) {
                    continue;
                }
                boolean self = fk.refTable().equals(table.name());
                if (values == null || (parent != null && exists(catalog, parent, fk.refColumns(), values, view))
                        || (self && inRows(rows, fk.refColumns(), values))) {
                    continue;
                }
                throw new KyroException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \""
                        + SchemaNames.localOf(table.name()) + "\" violates foreign key constraint \"" + fk.name()
                        + "\": Key (" + names(table, fk.columns()) + ")=(" + text(values)
                        + ") is not present in table \"" + SchemaNames.localOf(fk.refTable()) + "\".");
            }
        }
    }

    private static boolean inRows(List<Object[]> rows, int[] columns, Object[] values) {
        for (Object[] r : rows) {
            if (same(values(r, columns), values)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code parent} has a row whose {@code columns} equal {@code values} (its key or a UNIQUE index). */
    static boolean exists(Catalog catalog, Table parent, int[] columns, Object[] values, ReadView view) {
        Object[] typed = typed(parent, columns, values);
        if (typed == null) {
            return false;
        }
        if (Arrays.equals(columns, parent.primaryKey())) {
            Object key = typed.length == 1 ? typed[0] : typed;
            return parent.data().get(key, view) != null;
        }
        Index index = uniqueIndex(catalog, parent, columns);
        if (index != null) {
            return IndexMaintenance.matching(index, inIndexOrder(index, columns, typed), view).hasNext();
        }
        return !scan(parent, columns, typed, view).isEmpty();
    }

    /** A UNIQUE index of {@code t} on exactly {@code columns} (in any order), or null. */
    static Index uniqueIndex(Catalog catalog, Table t, int[] columns) {
        int[] sorted = columns.clone();
        Arrays.sort(sorted);
        for (Index i : catalog.indexesOf(t.name())) {
            int[] ic = i.columns();
            Arrays.sort(ic);
            if (i.unique() && i.plain() && Arrays.equals(ic, sorted)) {
                return i;
            }
        }
        return null;
    }

    private static Object[] inIndexOrder(Index index, int[] columns, Object[] values) {
        Object[] out = new Object[index.width()];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < columns.length; c++) {
                if (columns[c] == index.column(i)) {
                    out[i] = values[c];
                }
            }
        }
        return out;
    }

    // ---- The referenced side ---------------------------------------------------------------------

    /**
     * The changes ON DELETE / ON UPDATE actions make when {@code table} loses or changes
     * {@code rows}; 23503 for NO ACTION and RESTRICT when a row still references one.
     */
    static List<Change> onReferencedChanges(Catalog catalog, Table table, List<IndexMaintenance.RowChange> rows,
                                            ExecContext ctx, Map<String, TableRules> rules) {
        return onReferencedChanges(catalog, table, rows, ctx, rules, null);
    }

    /** As above; the rows the actions delete or update fire the AFTER ROW triggers of their tables ({@code triggers}). */
    static List<Change> onReferencedChanges(Catalog catalog, Table table, List<IndexMaintenance.RowChange> rows,
                                            ExecContext ctx, Map<String, TableRules> rules, RowTriggers triggers) {
        if (!isReferenced(catalog, table)) {
            return List.of();
        }
        ForeignKeys f = new ForeignKeys(catalog, ctx, rules);
        f.triggers = triggers;
        f.noteGone(table, rows);
        f.cascade(table, rows, 0);
        return f.changes;
    }

    static boolean isReferenced(Catalog catalog, Table table) {
        for (Table t : catalog.tables()) {
            for (ForeignKey fk : t.foreignKeys()) {
                if (fk.refTable().equals(table.name())) {
                    return true;
                }
            }
        }
        return false;
    }

    private void noteGone(Table table, List<IndexMaintenance.RowChange> rows) {
        for (IndexMaintenance.RowChange r : rows) {
            if (r.oldRow() != null && (r.newRow() == null
                    || KeyComparator.INSTANCE.compare(r.key(), r.newKey()) != 0)) {
                gone.computeIfAbsent(table.name(), k -> new TreeSet<>(KeyComparator.INSTANCE)).add(r.key());
            }
        }
    }

    private void cascade(Table parent, List<IndexMaintenance.RowChange> rows, int depth) {
        if (depth > 100) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "foreign key actions cascade more than 100 "
                    + "tables deep from table \"" + parent.name() + "\"");
        }
        for (Table child : catalog.tables()) {
            for (ForeignKey fk : child.foreignKeys()) {
                if (fk.refTable().equals(parent.name())) {
                    act(parent, child, fk, rows, depth);
                }
            }
        }
    }

    private void act(Table parent, Table child, ForeignKey fk, List<IndexMaintenance.RowChange> rows, int depth) {
        List<IndexMaintenance.RowChange> childChanges = new ArrayList<>();
        TreeSet<Object> touched = new TreeSet<>(KeyComparator.INSTANCE);
        for (IndexMaintenance.RowChange r : rows) {
            if (r.oldRow() == null) {
                continue;
            }
            Object[] oldValues = values(r.oldRow(), fk.refColumns());
            if (oldValues == null) {
                continue;
            }
            Object[] newValues = r.newRow() == null ? null : values(r.newRow(), fk.refColumns());
            if (r.newRow() != null && same(oldValues, newValues)) {
                continue;
            }
            ForeignKey.Action action = r.newRow() == null ? fk.onDelete() : fk.onUpdate();
            for (Map.Entry<Object, Object[]> ref : referencing(child, fk, oldValues)) {
                Object key = ref.getKey();
                TreeSet<Object> childGone = gone.get(child.name());
                if ((childGone != null && childGone.contains(key)) || !touched.add(key)) {
                    continue;
                }
                Map<Object, Object[]> mine = pending.get(child.name());
                Object[] old = mine != null && mine.containsKey(key) ? mine.get(key) : ref.getValue();
                if (action == ForeignKey.Action.NO_ACTION && DeferredConstraints.defer(ctx, child, fk)) {
                    continue;   // checked again at COMMIT (RESTRICT is never deferred, as in PostgreSQL)
                }
                switch (action) {
                    case NO_ACTION, RESTRICT -> throw new KyroException(SqlState.FOREIGN_KEY_VIOLATION,
                            "update or delete on table \"" + SchemaNames.localOf(parent.name())
                                    + "\" violates foreign key constraint \"" + fk.name() + "\" on table \"" + SchemaNames.localOf(child.name()) + "\": Key ("
                                    + names(parent, fk.refColumns()) + ")=(" + text(oldValues)
                                    + ") is still referenced from table \"" + child.name() + "\".");
                    case CASCADE -> {
                        if (r.newRow() == null) {
                            childChanges.add(new IndexMaintenance.RowChange(key, old, null, null));
                        } else {
                            childChanges.add(updated(child, key, old, fk.columns(), newValues));
                        }
                    }
                    case SET_NULL -> childChanges.add(updated(child, key, old, fk.columns(),
                            new Object[fk.columns().length]));
                    case SET_DEFAULT -> childChanges.add(updated(child, key, old, fk.columns(), defaults(child, fk)));
                }
            }
        }
        if (childChanges.isEmpty()) {
            return;
        }
        noteGone(child, childChanges);
        Map<Object, Object[]> mine = pending.computeIfAbsent(child.name(),
                k -> new java.util.TreeMap<>(KeyComparator.INSTANCE));
        for (IndexMaintenance.RowChange c : childChanges) {
            if (c.newRow() != null) {
                mine.put(c.newKey(), c.newRow());
            }
        }
        List<Object[]> newRows = new ArrayList<>();
        for (IndexMaintenance.RowChange c : childChanges) {
            boolean moved = c.newRow() == null || KeyComparator.INSTANCE.compare(c.key(), c.newKey()) != 0;
            if (moved) {
                changes.add(new Change.Delete(child.name(), c.key()));
            }
            if (c.newRow() != null) {
                TableRules r = rules.get(child.name());
                if (r != null) {
                    Mutations.generate(c.newRow(), r.checks(), ctx);
                }
                Mutations.checkNotNull(child, c.newRow());
                if (r != null) {
                    Mutations.checkRow(child, c.newRow(), r.checks(), ctx);
                }
                if (moved && child.data().get(c.newKey(), ctx.view()) != null) {
                    throw Mutations.duplicateKey(child, c.newKey());
                }
                changes.add(new Change.Put(child.name(), c.newKey(), c.newRow()));
                newRows.add(c.newRow());
            }
        }
        ForeignKey.Action taken = childChanges.get(0).newRow() == null ? null
                : rowsDeleted(rows) ? fk.onDelete() : fk.onUpdate();
        if (taken == ForeignKey.Action.SET_DEFAULT) {
            // the default must reference a row that is there after the statement
            TreeSet<Object> parentGone = gone.get(parent.name());
            for (Object[] row : newRows) {
                Object[] values = values(row, fk.columns());
                if (values != null && (!exists(catalog, parent, fk.refColumns(), values, ctx.view())
                        || (parentGone != null && Arrays.equals(fk.refColumns(), parent.primaryKey())
                            && parentGone.contains(key(typed(parent, fk.refColumns(), values)))))) {
                    throw new KyroException(SqlState.FOREIGN_KEY_VIOLATION, "insert or update on table \""
                            + SchemaNames.localOf(child.name()) + "\" violates foreign key constraint \"" + fk.name()
                            + "\": Key ("
                            + names(child, fk.columns()) + ")=(" + text(values) + ") is not present in table \""
                            + SchemaNames.localOf(parent.name()) + "\".");
                }
            }
        }
        changes.addAll(IndexMaintenance.changes(catalog.indexesOf(child.name()), child, childChanges, ctx.view(), ctx));
        if (triggers != null) {
            for (IndexMaintenance.RowChange c : childChanges) {
                triggers.after(child, c.newRow() == null ? io.kyrodb.engine.catalog.Trigger.DELETE
                        : io.kyrodb.engine.catalog.Trigger.UPDATE, c.oldRow(), c.newRow(), null);
            }
        }
        cascade(child, childChanges, depth + 1);
    }

    private static boolean rowsDeleted(List<IndexMaintenance.RowChange> rows) {
        for (IndexMaintenance.RowChange r : rows) {
            if (r.oldRow() != null) {
                return r.newRow() == null;
            }
        }
        return false;
    }

    private static Object key(Object[] typed) {
        return typed == null ? null : typed.length == 1 ? typed[0] : typed;
    }

    private IndexMaintenance.RowChange updated(Table child, Object key, Object[] old, int[] columns, Object[] values) {
        Object[] row = old.clone();
        for (int i = 0; i < columns.length; i++) {
            row[columns[i]] = values[i];
        }
        return new IndexMaintenance.RowChange(key, old, child.data().rekey(key, row), row);
    }

    private Object[] defaults(Table child, ForeignKey fk) {
        TableRules r = rules.get(child.name());
        Object[] out = new Object[fk.columns().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = r == null ? null : r.defaults().get(fk.columns()[i]).eval(null, ctx);
        }
        return out;
    }

    /** The rows of {@code child} whose foreign key columns equal {@code values}, through an index when one fits. */
    private List<Map.Entry<Object, Object[]>> referencing(Table child, ForeignKey fk, Object[] values) {
        Object[] typed = typed(child, fk.columns(), values);
        if (typed == null) {
            return List.of();
        }
        ReadView view = ctx.view();
        if (Arrays.equals(fk.columns(), child.primaryKey())) {
            Object key = typed.length == 1 ? typed[0] : typed;
            Object[] row = child.data().get(key, view);
            return row == null ? List.of() : List.of(Map.entry(key, row));
        }
        for (Index index : catalog.indexesOf(child.name())) {
            if (index.plain() && index.width() >= fk.columns().length && startsWith(index, fk.columns())) {
                List<Map.Entry<Object, Object[]>> out = new ArrayList<>();
                for (Iterator<Object[]> it = IndexMaintenance.matching(index, typed, view); it.hasNext(); ) {
                    Object rowKey = index.rowKey(it.next());
                    Object[] row = child.data().get(rowKey, view);
                    if (row != null) {
                        out.add(Map.entry(rowKey, row));
                    }
                }
                return out;
            }
        }
        return scan(child, fk.columns(), typed, view);
    }

    private static boolean startsWith(Index index, int[] columns) {
        for (int i = 0; i < columns.length; i++) {
            if (index.column(i) != columns[i]) {
                return false;
            }
        }
        return true;
    }

    private static List<Map.Entry<Object, Object[]>> scan(Table t, int[] columns, Object[] values, ReadView view) {
        List<Map.Entry<Object, Object[]>> out = new ArrayList<>();
        for (Iterator<Map.Entry<Object, Object[]>> it = t.data().entries(view); it.hasNext(); ) {
            Map.Entry<Object, Object[]> e = it.next();
            if (same(values(e.getValue(), columns), values)) {
                out.add(e);
            }
        }
        return out;
    }

    // ---- Values ----------------------------------------------------------------------------------

    /** The values of {@code columns} in {@code row}, or null when one is NULL (MATCH SIMPLE: no check). */
    static Object[] values(Object[] row, int[] columns) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            v[i] = row[columns[i]];
            if (v[i] == null) {
                return null;
            }
        }
        return v;
    }

    private static boolean same(Object[] a, Object[] b) {
        if (a == null || b == null) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (!Values.sameValue(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code values} as the Java types of {@code columns} of {@code t} (an integer key may reference
     * a wider or narrower integer column); null when one cannot be represented (so nothing matches).
     */
    private static Object[] typed(Table t, int[] columns, Object[] values) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            TypeKind kind = t.columns().get(columns[i]).type().kind();
            Object v = values[i];
            if (v instanceof Number n && (v instanceof Long || v instanceof Integer || v instanceof Short)) {
                long l = n.longValue();
                v = switch (kind) {
                    case BIGINT -> (Object) l;
                    case INTEGER -> l == (int) l ? (Object) (int) l : null;
                    case SMALLINT -> l == (short) l ? (Object) (short) l : null;
                    default -> v;
                };
                if (v == null) {
                    return null;
                }
            }
            out[i] = v;
        }
        return out;
    }

    static String names(Table t, int[] columns) {
        List<String> out = new ArrayList<>();
        for (int c : columns) {
            out.add(t.columns().get(c).name());
        }
        return String.join(", ", out);
    }

    static String text(Object[] values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(Values.toText(v));
        }
        return String.join(", ", out);
    }
}
