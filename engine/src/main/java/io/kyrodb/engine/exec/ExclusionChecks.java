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
 * reads the whole table once per statement, each row compared with the written rows that share its
 * {@code =} values: O(table rows) per statement (O(table rows x written rows) for a constraint
 * with no {@code =} column). Rows written by the same statement are grouped by their {@code =}
 * values and compared within a group only.
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
        int[] covering = where == null ? covering(probe, cols) : null;
        int width = table.columns().size();
        Object[] both = new Object[2 * width];
        int[] equal = equalColumns(x, cols);
        Map<GroupKey, List<Object[]>> written = new java.util.HashMap<>();
        for (IndexMaintenance.RowChange r : rows) {
            Object[] row = r.newRow();
            if (row == null || !applies(row, cols, where)) {
                continue;
            }
            System.arraycopy(row, 0, both, width, width);
            Iterator<Map.Entry<Object, Object[]>> candidates = probe == null ? java.util.Collections.emptyIterator()
                    : candidates(table, probe, row, view, covering);
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
            Object[] earlier = conflicting(pair, both, row, written, equal, width);
            if (earlier != null) {
                throw violation(table, x, cols, row, earlier);
            }
        }
        if (probe == null && !written.isEmpty()) {   // no index: one pass over the table for all written rows
            Object[] key = new Object[equal.length];
            for (Iterator<Map.Entry<Object, Object[]>> it = table.data().entries(view); it.hasNext(); ) {
                Map.Entry<Object, Object[]> c = it.next();
                Object[] existing = c.getValue();
                if (replaced.contains(c.getKey()) || !applies(existing, cols, where)) {
                    continue;
                }
                for (int k = 0; k < equal.length; k++) {
                    key[k] = existing[equal[k]];
                }
                List<Object[]> group = written.get(new GroupKey(key));
                if (group == null) {
                    continue;
                }
                System.arraycopy(existing, 0, both, 0, width);
                for (Object[] row : group) {
                    System.arraycopy(row, 0, both, width, width);
                    if (Boolean.TRUE.equals(IndexExpressions.eval(pair, both))) {
                        throw violation(table, x, cols, row, existing);
                    }
                }
            }
        }
    }

    /** The positions of the constraint's {@code =} columns (rows can conflict only when these are equal). */
    private static int[] equalColumns(Exclusion x, int[] cols) {
        int n = 0;
        int[] out = new int[cols.length];
        for (int k = 0; k < cols.length; k++) {
            if (x.operators().get(k).equals("=")) {
                out[n++] = cols[k];
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * A row of {@code seen} that {@code row} conflicts with, or null; {@code row} is then added to
     * {@code seen}. Rows are grouped by their {@code =} columns, so only rows that share them are
     * compared: linear for a constraint with an {@code =} column and distinct values, pairwise
     * within each group otherwise.
     */
    private static Object[] conflicting(BoundExpr pair, Object[] both, Object[] row, Map<GroupKey, List<Object[]>> seen,
                                        int[] equal, int width) {
        Object[] key = new Object[equal.length];
        for (int k = 0; k < equal.length; k++) {
            key[k] = row[equal[k]];
        }
        List<Object[]> group = seen.computeIfAbsent(new GroupKey(key), g -> new ArrayList<>());
        System.arraycopy(row, 0, both, width, width);
        for (Object[] earlier : group) {
            System.arraycopy(earlier, 0, both, 0, width);
            if (Boolean.TRUE.equals(IndexExpressions.eval(pair, both))) {
                return earlier;
            }
        }
        group.add(row);
        return null;
    }

    /** An exclusion constraint ready to check: its columns, conditions and the index that finds candidates (or null). */
    record Bound(int[] cols, BoundExpr pair, BoundExpr where, Index probe) {
    }

    /** {@code exclusions} of {@code table}, bound once for a statement. */
    static List<Bound> bind(Table table, List<Exclusion> exclusions, List<Index> indexes) {
        List<Bound> out = new ArrayList<>();
        for (Exclusion x : exclusions) {
            int[] cols = x.columnIndexes(table);
            out.add(new Bound(cols, ExclusionConstraints.pair(table, x), ExclusionConstraints.where(table, x),
                    probeIndex(x, cols, indexes)));
        }
        return out;
    }

    /**
     * Whether {@code row} conflicts under one of {@code exclusions} (ON CONFLICT DO NOTHING's
     * arbiters) with a row {@code view} sees or one of the rows the statement already wrote.
     */
    static boolean conflicts(Table table, List<Bound> exclusions, Object[] row, ReadView view,
                             java.util.Collection<Object[]> written) {
        int width = table.columns().size();
        Object[] both = new Object[2 * width];
        System.arraycopy(row, 0, both, width, width);
        for (Bound b : exclusions) {
            int[] cols = b.cols();
            BoundExpr where = b.where();
            if (!applies(row, cols, where)) {
                continue;
            }
            BoundExpr pair = b.pair();
            Iterator<Map.Entry<Object, Object[]>> c = candidates(table, b.probe(), row, view, null);
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

    /**
     * Where each constraint column is among {@code probe}'s key parts (per column of the table, the
     * part's position, -1 for others), when the index holds them all: candidates are then read from
     * its entries without fetching their rows. Null when it does not (or there is no index).
     */
    private static int[] covering(Index probe, int[] cols) {
        if (probe == null) {
            return null;
        }
        int[] part = new int[maxColumn(cols) + 1];
        java.util.Arrays.fill(part, -1);
        for (int c : cols) {
            for (int i = 0; i < probe.keyWidth(); i++) {
                if (probe.column(i) == c) {
                    part[c] = i;
                }
            }
            if (part[c] < 0) {
                return null;
            }
        }
        return part;
    }

    private static int maxColumn(int[] cols) {
        int max = 0;
        for (int c : cols) {
            max = Math.max(max, c);
        }
        return max;
    }

    /**
     * The rows {@code view} sees that may conflict with {@code row}: those sharing its leading
     * indexed value, or all. With {@code covering} (see {@link #covering}) a candidate holds only
     * the constraint's columns, read from the index entry.
     */
    private static Iterator<Map.Entry<Object, Object[]>> candidates(Table table, Index probe, Object[] row,
                                                                   ReadView view, int[] covering) {
        if (probe == null) {
            return table.data().entries(view);
        }
        Iterator<Object[]> entries = IndexMaintenance.matching(probe, new Object[] {row[probe.column(0)]}, view);
        java.util.function.Function<Object[], Map.Entry<Object, Object[]>> toRow = covering != null ? entry -> {
            Object[] values = probe.values(entry);
            Object[] partial = new Object[row.length];
            for (int c = 0; c < covering.length; c++) {
                if (covering[c] >= 0) {
                    partial[c] = values[covering[c]];
                }
            }
            return new java.util.AbstractMap.SimpleImmutableEntry<>(probe.rowKey(entry), partial);
        } : entry -> {
            Object key = probe.rowKey(entry);
            Object[] found = table.data().get(key, view);
            return new java.util.AbstractMap.SimpleImmutableEntry<>(key, found == null ? new Object[row.length] : found);
        };
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public Map.Entry<Object, Object[]> next() {
                return toRow.apply(entries.next());
            }
        };
    }

    /**
     * ALTER TABLE ... ADD of exclusion constraints {@code added} (those of {@code checks} that
     * {@code before} does not have): 23P01 if two rows of the table already conflict. Reads the
     * table once, holding its covered rows grouped by their {@code =} columns (see {@link #conflicting}).
     */
    static void checkAdded(Table before, Table after, ReadView view, ExecContext ctx) {
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
            int[] equal = equalColumns(x, cols);
            int width = after.columns().size();
            Object[] both = new Object[2 * width];
            Map<GroupKey, List<Object[]>> seen = new java.util.HashMap<>();
            for (Iterator<Map.Entry<Object, Object[]>> it = before.data().entries(view); it.hasNext(); ) {
                ctx.checkCancel();
                Object[] row = it.next().getValue();
                if (!applies(row, cols, where)) {
                    continue;
                }
                Object[] other = conflicting(pair, both, row, seen, equal, width);
                if (other != null) {
                    String names = String.join(", ", x.columns().stream()
                            .map(io.kyrodb.engine.catalog.system.Identifiers::quote).toList());
                    throw new KyroException(SqlState.EXCLUSION_VIOLATION, "could not create exclusion constraint \""
                            + x.name() + "\": Key (" + names + ")=(" + values(row, cols) + ") conflicts with key ("
                            + names + ")=(" + values(other, cols) + ").");
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
