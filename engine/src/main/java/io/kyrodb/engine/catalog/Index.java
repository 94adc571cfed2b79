package io.kyrodb.engine.catalog;

import io.kyrodb.engine.storage.Store;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;

/**
 * A secondary ordered index (CREATE [UNIQUE] INDEX): its definition and its entries, which live in
 * a hidden table of their own ({@link #storage()}), written in the same transaction as the rows of
 * {@code table}, so the WAL, MVCC, flushes, compaction and checkpoints treat them like any rows.
 *
 * <p>An entry's key and row are the same values: for each indexed column a flag {@code isNull} and
 * the value (a placeholder of the column's type when NULL, since stored keys hold no NULL), then
 * the row's key in the table (its primary-key columns, or its hidden row id). Non-NULL values sort
 * before NULL ones, as in PostgreSQL's ascending index; {@code descending} is kept for the catalog
 * and metadata, a scan reads one direction. An index name shares its namespace with table names.
 */
public final class Index {
    private final String name;
    private final String table;
    private final int[] columns;
    private final boolean[] descending;
    private final boolean unique;
    private final TypeKind[] kinds;
    private final Table storage;

    /** {@code store} null: a definition only, with no storage (to compute entries with). */
    public Index(String name, Table table, int[] columns, boolean[] descending, boolean unique, Store store) {
        this.name = name;
        this.table = table.name();
        this.columns = columns.clone();
        this.descending = descending.clone();
        this.unique = unique;
        List<Column> stored = storageColumns(table.columns(), table.primaryKey(), columns);
        this.storage = store == null ? null : new Table(name, stored, allColumns(stored.size()), store);
        this.kinds = new TypeKind[columns.length];
        for (int i = 0; i < columns.length; i++) {
            kinds[i] = table.columns().get(columns[i]).type().kind();
        }
    }

    public String name() { return name; }
    /** The indexed table's name. */
    public String table() { return table; }
    public int[] columns() { return columns.clone(); }
    public boolean[] descending() { return descending.clone(); }
    public boolean unique() { return unique; }
    public int width() { return columns.length; }
    public int column(int i) { return columns[i]; }
    /** The hidden table holding the entries. */
    public Table storage() { return storage; }

    /** The columns of the hidden table of an index on {@code columns} of a table; every one is part of its key. */
    public static List<Column> storageColumns(List<Column> tableColumns, int[] primaryKey, int[] columns) {
        List<Column> out = new ArrayList<>();
        for (int c : columns) {
            Column col = tableColumns.get(c);
            out.add(new Column(col.name() + "$null", SqlType.BOOLEAN, true));
            out.add(new Column(col.name(), col.type(), true));
        }
        if (primaryKey.length > 0) {
            for (int k : primaryKey) {
                Column col = tableColumns.get(k);
                out.add(new Column(col.name(), col.type(), true));
            }
        } else {
            out.add(new Column("$rowid", SqlType.BIGINT, true));
        }
        return out;
    }

    public static int[] allColumns(int n) {
        int[] key = new int[n];
        for (int i = 0; i < n; i++) {
            key[i] = i;
        }
        return key;
    }

    /** The entry of a table row stored under {@code rowKey} (its key and its row). */
    public Object[] entry(Object[] row, Object rowKey) {
        Object[] keyParts = rowKey instanceof Object[] a ? a : new Object[]{rowKey};
        Object[] e = new Object[2 * columns.length + keyParts.length];
        for (int i = 0; i < columns.length; i++) {
            Object v = row[columns[i]];
            e[2 * i] = v == null;
            e[2 * i + 1] = v == null ? placeholder(kinds[i]) : v;
        }
        System.arraycopy(keyParts, 0, e, 2 * columns.length, keyParts.length);
        return e;
    }

    /** The indexed values of an entry (NULL where the flag says so). */
    public Object[] values(Object[] entry) {
        Object[] v = new Object[columns.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Boolean.TRUE.equals(entry[2 * i]) ? null : entry[2 * i + 1];
        }
        return v;
    }

    /** The table row's key an entry points to: a bare value, an {@code Object[]}, or a row id. */
    public Object rowKey(Object[] entry) {
        int from = 2 * columns.length;
        int n = entry.length - from;
        if (n == 1) {
            return entry[from];
        }
        Object[] k = new Object[n];
        System.arraycopy(entry, from, k, 0, n);
        return k;
    }

    /**
     * The start of the entries whose leading indexed values equal {@code values} (non-NULL, of the
     * columns' types), as a key prefix: a composite key's encoding is its parts' encodings in turn.
     */
    public Object[] prefix(Object... values) {
        Object[] p = new Object[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            p[2 * i] = Boolean.FALSE;
            p[2 * i + 1] = values[i];
        }
        return p;
    }

    public IndexInfo info(Table t) {
        List<String> names = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            names.add(t.columns().get(columns[i]).name());
            desc.add(descending[i]);
        }
        return new IndexInfo(name, unique, List.copyOf(names), List.copyOf(desc));
    }

    /** The column names, for messages: {@code (a, b)}. */
    public String columnList(Table t) {
        List<String> names = new ArrayList<>();
        for (int c : columns) {
            names.add(t.columns().get(c).name());
        }
        return String.join(", ", names);
    }

    private static Object placeholder(TypeKind kind) {
        return switch (kind) {
            case SMALLINT -> (short) 0;
            case INTEGER -> 0;
            case BIGINT -> 0L;
            case REAL -> 0f;
            case DOUBLE -> 0d;
            case BOOLEAN -> false;
            case TEXT, VARCHAR -> "";
            case UNKNOWN -> throw new IllegalArgumentException("an index column has no type");
            case VECTOR -> new float[0];
            case HALFVEC -> io.kyrodb.engine.vector.HalfVector.ofBits(new short[0]);
            case SPARSEVEC -> io.kyrodb.engine.vector.SparseVector.of(1, new int[0], new float[0]);
            case BIT -> io.kyrodb.engine.types.BitString.of(0, new byte[0]);
            case NUMERIC -> java.math.BigDecimal.ZERO;
            case DATE -> java.time.LocalDate.EPOCH;
            case TIME -> java.time.LocalTime.MIDNIGHT;
            case TIMETZ -> java.time.OffsetTime.of(java.time.LocalTime.MIDNIGHT, java.time.ZoneOffset.UTC);
            case TIMESTAMP -> java.time.LocalDateTime.of(1970, 1, 1, 0, 0);
            case TIMESTAMPTZ -> java.time.Instant.EPOCH;
            case INTERVAL -> io.kyrodb.engine.types.Interval.ZERO;
            case UUID -> new java.util.UUID(0, 0);
            case BYTEA -> io.kyrodb.engine.types.Bytes.wrap(new byte[0]);
            case JSONB -> io.kyrodb.engine.types.Jsonb.of(null);
            case ARRAY -> io.kyrodb.engine.types.SqlArray.of();
            case JSON, JSONPATH, REGCLASS, RECORD -> throw new IllegalArgumentException(kind + " has no key encoding");
        };
    }
}
