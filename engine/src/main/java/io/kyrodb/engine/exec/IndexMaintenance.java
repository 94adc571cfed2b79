package io.kyrodb.engine.exec;

import io.kyrodb.engine.util.UntilNull;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.run.KeyCursor;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The index entries a statement's row changes imply, and the UNIQUE checks. Each changed row of
 * a table adds a Delete of its old entry and a Put of its new one in every index of the table (none
 * when the entry does not change), so the entries commit, roll back and recover with the rows.
 *
 * <p>UNIQUE is checked when the statement ends, as the primary key is: the new values of the rows
 * the statement writes must differ from each other and from every entry it does not replace. A
 * NULL in any indexed column never conflicts (NULLs are distinct, as in PostgreSQL).
 */
final class IndexMaintenance {
    /** One row version the statement writes: its key, its old row (null: inserted) and new row (null: deleted). */
    record RowChange(Object key, Object[] oldRow, Object newKey, Object[] newRow) {
    }

    private IndexMaintenance() {
    }

    /** The index changes, deletes first, then puts; throws 23505 on a UNIQUE conflict. */
    static List<Change> changes(List<Index> indexes, Table table, List<RowChange> rows, ReadView view) {
        return changes(indexes, table, rows, view, null);
    }

    /** The same, but a UNIQUE constraint deferred in {@code ctx}'s transaction is noted for COMMIT instead. */
    static List<Change> changes(List<Index> indexes, Table table, List<RowChange> rows, ReadView view, ExecContext ctx) {
        ExclusionChecks.check(table, rows, view, indexes);
        if (indexes.isEmpty()) {
            return List.of();
        }
        List<Change> deletes = new ArrayList<>();
        List<Change> puts = new ArrayList<>();
        for (Index index : indexes) {
            if (index.gin()) {
                ginChanges(index, rows, deletes, puts);
                continue;
            }
            for (RowChange r : rows) {
                Object[] before = r.oldRow() == null ? null : index.entry(r.oldRow(), r.key());
                Object[] after = r.newRow() == null ? null : index.entry(r.newRow(), r.newKey());
                if (before != null && after != null && Arrays.equals(KeyCodec.encode(before), KeyCodec.encode(after))) {
                    continue;
                }
                if (before != null) {
                    deletes.add(new Change.Delete(index.name(), before));
                }
                if (after != null) {
                    puts.add(new Change.Put(index.name(), after, after));
                }
            }
            if (index.unique() && !DeferredConstraints.defer(ctx, index)) {
                checkUnique(index, table, rows, view);
            }
        }
        List<Change> out = new ArrayList<>(deletes);
        out.addAll(puts);
        return out;
    }

    /** A GIN index's changes: the lexeme entries a row loses are deleted, those it gains put, the rest stay. */
    private static void ginChanges(Index index, List<RowChange> rows, List<Change> deletes, List<Change> puts) {
        for (RowChange r : rows) {
            List<Object[]> before = r.oldRow() == null ? List.of() : index.entries(r.oldRow(), r.key());
            List<Object[]> after = r.newRow() == null ? List.of() : index.entries(r.newRow(), r.newKey());
            Set<byte[]> kept = new TreeSet<>(Arrays::compareUnsigned);
            for (Object[] e : after) {
                kept.add(KeyCodec.encode(e));
            }
            Set<byte[]> old = new TreeSet<>(Arrays::compareUnsigned);
            for (Object[] e : before) {
                byte[] k = KeyCodec.encode(e);
                old.add(k);
                if (!kept.contains(k)) {
                    deletes.add(new Change.Delete(index.name(), e));
                }
            }
            for (Object[] e : after) {
                if (!old.contains(KeyCodec.encode(e))) {
                    puts.add(new Change.Put(index.name(), e, e));
                }
            }
        }
    }

    private static void checkUnique(Index index, Table table, List<RowChange> rows, ReadView view) {
        Set<Object> replaced = new TreeSet<>(KeyComparator.INSTANCE);
        for (RowChange r : rows) {
            if (r.oldRow() != null) {
                replaced.add(r.key());
            }
        }
        Map<GroupKey, Boolean> written = new HashMap<>();
        for (RowChange r : rows) {
            if (r.newRow() == null) {
                continue;
            }
            Object[] values = valuesOf(index, r.newRow());
            if (values == null) {
                continue;
            }
            if (written.put(new GroupKey(values), Boolean.TRUE) != null) {
                throw violation(index, table, values);
            }
            Iterator<Object[]> same = matching(index, values, view);
            while (same.hasNext()) {
                if (!replaced.contains(index.rowKey(same.next()))) {
                    throw violation(index, table, values);
                }
            }
        }
    }

    /**
     * The indexed values of {@code row}, or null when one is NULL or a partial index skips the row
     * (then it conflicts with nothing).
     */
    static Object[] valuesOf(Index index, Object[] row) {
        Object[] v = index.keyOnly(index.keyValues(row));
        if (v == null) {
            return null;
        }
        for (Object x : v) {
            if (x == null) {
                return null;
            }
        }
        return v;
    }

    /** The entries {@code view} sees whose leading indexed values equal {@code values} (non-NULL, of the columns' types). */
    static Iterator<Object[]> matching(Index index, Object[] values, ReadView view) {
        KeyCursor entries = probe(index, values, view);
        return UntilNull.of(() -> entries.next() ? entries.row() : null);
    }

    /**
     * The same entries as a cursor whose rows are decoded only when asked for: equal values have
     * equal key encodings and each encoding delimits itself, so the entries of {@code values} are
     * exactly the keys that start with the encoding of their prefix.
     */
    static KeyCursor probe(Index index, Object[] values, ReadView view) {
        return index.storage().data().withPrefix(view, KeyCodec.encode(index.prefix(values)));
    }

    static KyroException violation(Index index, Table table, Object[] values) {
        List<String> shown = new ArrayList<>();
        for (Object v : values) {
            shown.add(Values.toText(v));
        }
        return new KyroException(SqlState.UNIQUE_VIOLATION, "duplicate key value violates unique constraint \""
                + SchemaNames.localOf(index.name()) + "\": Key (" + index.columnList(table) + ")=("
                + String.join(", ", shown) + ") already exists.");
    }
}
