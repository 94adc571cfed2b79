package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.binder.ExclusionConstraints;
import io.kyrodb.engine.binder.IndexExpressions;
import io.kyrodb.engine.catalog.Exclusion;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Enforces a table's EXCLUDE constraints when a statement ends, as {@link IndexMaintenance} does
 * UNIQUE: each row the statement writes must not conflict (every {@code column WITH operator}
 * true, and the predicate true for both) with a row the statement leaves in place nor with another
 * row it writes. A row with a NULL in a constrained column conflicts with nothing. A violation
 * fails with 23P01 before anything of the statement is applied, so the statement changes nothing.
 *
 * <p>Cost: candidates come from an ordered index of the table whose leading column is one of the
 * constraint's {@code =} columns (probed with the new row's values: the rows that share them); a
 * constraint without such an index (only {@code &&} columns, or no index on the {@code =} columns)
 * reads every row of the table once per statement and compares it with each written row:
 * O(table rows x written rows). Rows written by the same statement are compared pairwise.
 */
final class ExclusionChecks {
    private ExclusionChecks() {
    }

    /** Throws 23P01 if a row of {@code rows} conflicts under an exclusion constraint of {@code table}. */
    static void check(Table table, List<IndexMaintenance.RowChange> rows, ReadView view, List<Index> indexes) {
        List<Exclusion> exclusions = Exclusion.of(table.checks());
        if (exclusions.isEmpty()) {
            return;
        }
        Set<Object> replaced = new TreeSet<>(KeyComparator.INSTANCE);
        for (IndexMaintenance.RowChange r : rows) {
            if (r.oldRow() != null) {
                replaced.add(r.key());
            }
        }
        for (Exclusion x : exclusions) {
            check(table, x, rows, replaced, view, indexes);
        }
    }

    private static void check(Table table, Exclusion x, List<IndexMaintenance.RowChange> rows, Set<Object> replaced,
                              ReadView view, List<Index> indexes) {
        int[] cols = x.columnIndexes(table);
        BoundExpr pair = ExclusionConstraints.pair(table, x);
        BoundExpr where = ExclusionConstraints.where(table, x);
        Index probe = probeIndex(x, cols, indexes);
        int width = table.columns().size();
        Object[] both = new Object[2 * width];
        List<Object[]> written = new ArrayList<>();
        for (IndexMaintenance.RowChange r : rows) {
            Object[] row = r.newRow();
            if (row == null || !applies(row, cols, where)) {
                continue;
            }
            System.arraycopy(row, 0, both, width, width);
            Iterator<Map.Entry<Object, Object[]>> candidates = candidates(table, probe, row, view);
            while (candidates.hasNext()) {
                Map.Entry<Object, Object[]> c = candidates.next();
                if (replaced.contains(c.getKey()) || !applies(c.getValue(), cols, where)) {
                    continue;
                }
                System.arraycopy(c.getValue(), 0, both, 0, width);
                if (Boolean.TRUE.equals(IndexExpressions.eval(pair, both))) {
                    throw violation(table, x, cols, row, c.getValue());
                }
            }
            for (Object[] earlier : written) {
                System.arraycopy(earlier, 0, both, 0, width);
                if (Boolean.TRUE.equals(IndexExpressions.eval(pair, both))) {
                    throw violation(table, x, cols, row, earlier);
                }
            }
            written.add(row);
        }
    }

    /**
     * Whether {@code row} conflicts under one of {@code exclusions} (ON CONFLICT DO NOTHING's
     * arbiters) with a row {@code view} sees or one of the rows the statement already wrote.
     */
    static boolean conflicts(Table table, List<Exclusion> exclusions, Object[] row, ReadView view, List<Index> indexes,
                             java.util.Collection<Object[]> written) {
        int width = table.columns().size();
        Object[] both = new Object[2 * width];
        System.arraycopy(row, 0, both, width, width);
        for (Exclusion x : exclusions) {
            int[] cols = x.columnIndexes(table);
            BoundExpr where = ExclusionConstraints.where(table, x);
            if (!applies(row, cols, where)) {
                continue;
            }
            BoundExpr pair = ExclusionConstraints.pair(table, x);
            Iterator<Map.Entry<Object, Object[]>> c = candidates(table, probeIndex(x, cols, indexes), row, view);
            Iterator<Object[]> others = written.iterator();
            while (c.hasNext() || others.hasNext()) {
                Object[] other = c.hasNext() ? c.next().getValue() : others.next();
                if (!applies(other, cols, where)) {
                    continue;
                }
                System.arraycopy(other, 0, both, 0, width);
                if (Boolean.TRUE.equals(IndexExpressions.eval(pair, both))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether {@code row} is one the constraint covers: no NULL in its columns, and its predicate true. */
    private static boolean applies(Object[] row, int[] cols, BoundExpr where) {
        for (int c : cols) {
            if (row[c] == null) {
                return false;
            }
        }
        return where == null || Boolean.TRUE.equals(IndexExpressions.eval(where, row));
    }

    /** A plain ordered index whose leading column is one of the constraint's {@code =} columns, or null. */
    private static Index probeIndex(Exclusion x, int[] cols, List<Index> indexes) {
        for (Index i : indexes) {
            if (!i.plain() || i.gin() || i.columns().length == 0) {
                continue;
            }
            for (int k = 0; k < cols.length; k++) {
                if (x.operators().get(k).equals("=") && i.column(0) == cols[k]) {
                    return i;
                }
            }
        }
        return null;
    }

    /** The rows {@code view} sees that may conflict with {@code row}: those sharing its leading indexed value, or all. */
    private static Iterator<Map.Entry<Object, Object[]>> candidates(Table table, Index probe, Object[] row,
                                                                   ReadView view) {
        if (probe == null) {
            return table.data().entries(view);
        }
        Iterator<Object[]> entries = IndexMaintenance.matching(probe, new Object[] {row[probe.column(0)]}, view);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Map.Entry<Object, Object[]> next() {
                Object key = probe.rowKey(entries.next());
                Object[] found = table.data().get(key, view);
                return new java.util.AbstractMap.SimpleImmutableEntry<>(key, found == null ? new Object[row.length]
                        : found);
            }
        };
    }

    /**
     * ALTER TABLE ... ADD of exclusion constraints {@code added} (those of {@code checks} that
     * {@code before} does not have): 23P01 if two rows of the table already conflict. Compares the
     * rows pairwise (through an index on an {@code =} column when there is one).
     */
    static void checkAdded(Table before, Table after, ReadView view, List<Index> indexes, ExecContext ctx) {
        Set<String> had = new java.util.HashSet<>();
        for (Exclusion x : Exclusion.of(before.checks())) {
            had.add(x.name());
        }
        for (Exclusion x : Exclusion.of(after.checks())) {
            if (had.contains(x.name())) {
                continue;
            }
            int[] cols = x.columnIndexes(after);
            BoundExpr pair = ExclusionConstraints.pair(after, x);
            BoundExpr where = ExclusionConstraints.where(after, x);
            Index probe = probeIndex(x, cols, indexes);
            int width = after.columns().size();
            Object[] both = new Object[2 * width];
            for (Iterator<Map.Entry<Object, Object[]>> it = before.data().entries(view); it.hasNext(); ) {
                ctx.checkCancel();
                Map.Entry<Object, Object[]> e = it.next();
                Object[] row = e.getValue();
                if (!applies(row, cols, where)) {
                    continue;
                }
                System.arraycopy(row, 0, both, width, width);
                for (Iterator<Map.Entry<Object, Object[]>> c = candidates(before, probe, row, view); c.hasNext(); ) {
                    Map.Entry<Object, Object[]> other = c.next();
                    if (KeyComparator.INSTANCE.compare(other.getKey(), e.getKey()) >= 0
                            || !applies(other.getValue(), cols, where)) {
                        continue;   // each pair once, never a row with itself
                    }
                    System.arraycopy(other.getValue(), 0, both, 0, width);
                    if (Boolean.TRUE.equals(IndexExpressions.eval(pair, both))) {
                        String names = String.join(", ", x.columns().stream()
                                .map(io.kyrodb.engine.catalog.system.Identifiers::quote).toList());
                        throw new KyroException(SqlState.EXCLUSION_VIOLATION, "could not create exclusion constraint \""
                                + x.name() + "\": Key (" + names + ")=(" + values(row, cols) + ") conflicts with key ("
                                + names + ")=(" + values(other.getValue(), cols) + ").");
                    }
                }
            }
        }
    }

    /** PostgreSQL's message and DETAIL: the new row's key and the existing one it conflicts with. */
    static KyroException violation(Table table, Exclusion x, int[] cols, Object[] row, Object[] existing) {
        String names = String.join(", ", x.columns().stream()
                .map(io.kyrodb.engine.catalog.system.Identifiers::quote).toList());
        return new KyroException(SqlState.EXCLUSION_VIOLATION, "conflicting key value violates exclusion constraint \""
                + x.name() + "\": Key (" + names + ")=(" + values(row, cols) + ") conflicts with existing key ("
                + names + ")=(" + values(existing, cols) + ").");
    }

    private static String values(Object[] row, int[] cols) {
        List<String> out = new ArrayList<>();
        for (int c : cols) {
            out.add(Values.toText(row[c]));
        }
        return String.join(", ", out);
    }
}
