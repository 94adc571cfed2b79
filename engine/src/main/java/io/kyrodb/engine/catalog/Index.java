package io.kyrodb.engine.catalog;

import io.kyrodb.engine.binder.IndexExpressions;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.storage.Store;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.Arrays;
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
 *
 * <p>An expression index's key part has column -1 and the SQL text of its (immutable) expression,
 * bound here over the table's row; a partial index has the SQL text of its predicate and holds an
 * entry only for the rows it is true for. Both are kept as text, like CHECK constraints, and are
 * bound again whenever the index is built from its definition (open, recovery, ALTER TABLE).
 *
 * <p>An index whose one key part is a {@code tsvector} (a column, or an expression such as
 * {@code to_tsvector('english', body)}) is an inverted (GIN) index: it holds one entry per distinct
 * lexeme of a row's vector, {@code (false, lexeme, row key)}, none for a NULL vector ({@link #gin},
 * {@link #entries}). Whether an index is one follows from its definition's type, so its catalog
 * and WAL records are those of any index.
 */
public final class Index {
    private final String name;
    private final String table;
    private final int[] columns;
    /** Per key part: the expression's SQL text, null for a plain column; null altogether when there is none. */
    private final String[] expressions;
    private final BoundExpr[] bound;
    private final String predicate;
    private final BoundExpr where;
    private final boolean[] descending;
    private final boolean unique;
    private final TypeKind[] kinds;
    private final SqlType[] types;
    private final Table storage;
    /** Timing, INCLUDE and NULLS order (see {@link #shaped}): set once, before the index is published in a catalog. */
    private IndexShape shape = IndexShape.NONE;

    /** {@code store} null: a definition only, with no storage (to compute entries with). */
    public Index(String name, Table table, int[] columns, boolean[] descending, boolean unique, Store store) {
        this(name, table, columns, null, null, descending, unique, store);
    }

    /**
     * {@code expressions}: per key part the SQL text of its expression (its column is then -1), or
     * null when every part is a column; {@code predicate}: a partial index's condition, or null.
     */
    public Index(String name, Table table, int[] columns, String[] expressions, String predicate,
                 boolean[] descending, boolean unique, Store store) {
        this(name, table, columns, expressions, predicate, descending, unique, store, null);
    }

    private Index(String name, Table table, int[] columns, String[] expressions, String predicate,
                  boolean[] descending, boolean unique, Store store, Table existingStorage) {
        this.name = name;
        this.table = table.name();
        this.columns = columns.clone();
        boolean any = false;
        if (expressions != null) {
            for (String e : expressions) {
                any |= e != null;
            }
        }
        this.expressions = any ? expressions.clone() : null;
        this.predicate = predicate;
        this.descending = descending.clone();
        this.unique = unique;
        this.bound = new BoundExpr[columns.length];
        this.types = new SqlType[columns.length];
        this.kinds = new TypeKind[columns.length];
        for (int i = 0; i < columns.length; i++) {
            if (this.expressions != null && this.expressions[i] != null) {
                bound[i] = IndexExpressions.bind(table, this.expressions[i]);
                types[i] = bound[i].type();
            } else {
                types[i] = table.columns().get(columns[i]).type();
            }
            kinds[i] = types[i].kind();
        }
        this.where = predicate == null ? null : IndexExpressions.condition(table, predicate);
        List<Column> stored = storageColumns(table.columns(), table.primaryKey(), columns, types);
        this.storage = existingStorage != null ? existingStorage
                : store == null ? null : new Table(name, stored, allColumns(stored.size()), store);
    }

    /**
     * This index over {@code after}, a new definition of its table with the same columns in the same
     * places (ALTER TABLE ... RENAME COLUMN and other changes that keep the rows): its expressions
     * and predicate name renamed columns by their new names; the entries stay as they are.
     */
    public Index over(Table before, Table after) {
        if (plain() || before.columns().size() != after.columns().size()) {
            return this;
        }
        String[] texts = expressions == null ? null : expressions.clone();
        String condition = predicate;
        for (int c = 0; c < before.columns().size(); c++) {
            String from = before.columns().get(c).name();
            String to = after.columns().get(c).name();
            if (from.equals(to)) {
                continue;
            }
            if (texts != null) {
                for (int i = 0; i < texts.length; i++) {
                    texts[i] = texts[i] == null ? null : renamed(texts[i], from, to);
                }
            }
            condition = condition == null ? null : renamed(condition, from, to);
        }
        return new Index(name, after, columns, texts, condition, descending, unique, null, storage).shaped(shape);
    }

    /**
     * This index with what {@code shape} says: a UNIQUE constraint's DEFERRABLE [INITIALLY DEFERRED]
     * (its uniqueness may then be checked at COMMIT instead of at the end of each statement), INCLUDE
     * columns and NULLS order. Called on a new instance only, before a catalog holds it.
     */
    public Index shaped(IndexShape shape) {
        if (shape.include() >= columns.length && shape.include() > 0) {
            throw new IllegalArgumentException("index \"" + name + "\" has no key part before its INCLUDE columns");
        }
        this.shape = shape;
        return this;
    }

    public IndexShape shape() { return shape; }

    /** Whether its UNIQUE constraint is DEFERRABLE. */
    public boolean deferrable() { return shape.deferrable(); }

    /** Whether its UNIQUE constraint is INITIALLY DEFERRED. */
    public boolean initiallyDeferred() { return shape.initiallyDeferred(); }

    /** The key parts: all but the INCLUDE columns at the end (what UNIQUE compares). */
    public int keyWidth() { return columns.length - shape.include(); }

    /** The key parts of an entry's or a row's indexed {@code values} (without the INCLUDE columns). */
    public Object[] keyOnly(Object[] values) {
        return shape.include() == 0 || values == null ? values : java.util.Arrays.copyOf(values, keyWidth());
    }

    /** {@code text} naming column {@code to} where it named {@code from}; unquoted when it reads the same without quotes. */
    private static String renamed(String text, String from, String to) {
        String quoted = io.kyrodb.sql.parser.SqlParser.renameIdentifier(text, from, to);
        boolean plain = io.kyrodb.engine.catalog.system.Identifiers.quote(to).equals(to);
        return plain ? quoted.replace("\"" + to + "\"", to) : quoted;
    }

    /** The table columns the index reads: its key columns and those its expressions and predicate name. */
    public java.util.BitSet columnsRead() {
        java.util.BitSet read = new java.util.BitSet();
        for (int i = 0; i < columns.length; i++) {
            if (columns[i] >= 0) {
                read.set(columns[i]);
            } else {
                io.kyrodb.engine.expr.ExprTree.forEach(bound[i], e -> {
                    if (e instanceof io.kyrodb.engine.expr.ColumnExpr c) {
                        read.set(c.index());
                    }
                });
            }
        }
        if (where != null) {
            io.kyrodb.engine.expr.ExprTree.forEach(where, e -> {
                if (e instanceof io.kyrodb.engine.expr.ColumnExpr c) {
                    read.set(c.index());
                }
            });
        }
        return read;
    }

    public String name() { return name; }
    /** The indexed table's name. */
    public String table() { return table; }
    public int[] columns() { return columns.clone(); }
    public boolean[] descending() { return descending.clone(); }
    public boolean unique() { return unique; }
    public int width() { return columns.length; }
    /** The table column of key part {@code i}, -1 for an expression. */
    public int column(int i) { return columns[i]; }
    /** The SQL texts of the key parts' expressions (null entries for columns), or null when there are none. */
    public String[] expressions() { return expressions == null ? null : expressions.clone(); }
    /** The expression of key part {@code i} bound over the table's row, null for a column. */
    public BoundExpr expression(int i) { return bound[i]; }
    /** A partial index's predicate (SQL text), null for a full index. */
    public String predicate() { return predicate; }
    /** The predicate bound over the table's row, null for a full index. */
    public BoundExpr where() { return where; }
    /** Whether every key part is a plain column and every row is indexed (what FOREIGN KEY and index-only plans need). */
    public boolean plain() { return expressions == null && predicate == null; }
    /** The type of key part {@code i}. */
    public SqlType type(int i) { return types[i]; }
    /** The hidden table holding the entries. */
    public Table storage() { return storage; }

    /** The columns of the hidden table of an index on {@code columns} of a table; every one is part of its key. */
    public static List<Column> storageColumns(List<Column> tableColumns, int[] primaryKey, int[] columns) {
        SqlType[] types = new SqlType[columns.length];
        for (int i = 0; i < columns.length; i++) {
            types[i] = tableColumns.get(columns[i]).type();
        }
        return storageColumns(tableColumns, primaryKey, columns, types);
    }

    private static List<Column> storageColumns(List<Column> tableColumns, int[] primaryKey, int[] columns,
                                               SqlType[] types) {
        List<Column> out = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            String n = columns[i] < 0 ? "$expr" + i : tableColumns.get(columns[i]).name();
            out.add(new Column(n + "$null", SqlType.BOOLEAN, true));
            out.add(new Column(n, types[i].kind() == TypeKind.TSVECTOR ? SqlType.TEXT : types[i], true));   // GIN: a lexeme
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

    /** Whether a partial index holds an entry for {@code row} (a full index holds one for every row). */
    public boolean covers(Object[] row) {
        return where == null || Boolean.TRUE.equals(IndexExpressions.eval(where, row));
    }

    /** The value of key part {@code i} for a table row. */
    public Object keyValue(int i, Object[] row) {
        return bound[i] == null ? row[columns[i]] : IndexExpressions.eval(bound[i], row);
    }

    /** The indexed values of a table row (NULLs included), or null when a partial index does not cover it. */
    public Object[] keyValues(Object[] row) {
        if (!covers(row)) {
            return null;
        }
        Object[] v = new Object[columns.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = keyValue(i, row);
        }
        return v;
    }

    /** Whether this is an inverted index over a tsvector (one entry per lexeme): see the class comment. */
    public boolean gin() {
        return kinds.length == 1 && kinds[0] == TypeKind.TSVECTOR;
    }

    /** The prefix of the stored expression of a GIN index over jsonb (see {@link #jsonbGin}). */
    public static final String JSONB_GIN_ITEMS = "jsonb_gin_items(";
    /** The suffix of that expression when the index was made with the jsonb_path_ops operator class. */
    public static final String PATH_OPS = ", 'jsonb_path_ops')";

    /**
     * Whether this is a GIN index over jsonb: {@code USING gin (doc)} is stored as the GIN index of the
     * expression {@code jsonb_gin_items(doc)}, a tsvector whose lexemes are the document's items
     * ({@link io.kyrodb.engine.types.JsonbGinItems}), so it is kept, maintained and restored as any
     * GIN index is; catalogs and EXPLAIN show the jsonb key as written ({@link #keyText}).
     */
    public boolean jsonbGin() {
        return gin() && bound[0] instanceof io.kyrodb.engine.expr.BuiltinExpr b
                && b.function() == io.kyrodb.engine.expr.JsonbFunction.GIN_ITEMS;
    }

    /** The jsonb expression a jsonb GIN index reads (its key's argument), or null for another index. */
    public BoundExpr jsonbGinDocument() {
        return jsonbGin() ? ((io.kyrodb.engine.expr.BuiltinExpr) bound[0]).arguments().getFirst() : null;
    }

    /** {@code gin} or {@code btree}: the access method pg_indexes names. */
    public String method() {
        return gin() ? "gin" : "btree";
    }

    /** The operator class written for the key, where it is not the default: {@code jsonb_path_ops}. */
    public String opclass() {
        return jsonbGin() && expressions[0].strip().endsWith(PATH_OPS) ? "jsonb_path_ops" : null;
    }

    /**
     * The entries of a table row stored under {@code rowKey}: the one {@link #entry} gives, none when a
     * partial index skips the row, or for a GIN index one per lexeme (none for a NULL vector).
     */
    public List<Object[]> entries(Object[] row, Object rowKey) {
        if (!gin()) {
            Object[] e = entry(row, rowKey);
            return e == null ? List.of() : List.<Object[]>of(e);
        }
        if (!covers(row) || !(keyValue(0, row) instanceof io.kyrodb.engine.types.TsVector v)) {
            return List.of();
        }
        Object[] keyParts = rowKey instanceof Object[] a ? a : new Object[]{rowKey};
        List<Object[]> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            Object[] e = new Object[2 + keyParts.length];
            e[0] = Boolean.FALSE;
            e[1] = v.lexeme(i);
            System.arraycopy(keyParts, 0, e, 2, keyParts.length);
            out.add(e);
        }
        return out;
    }

    /** The entry of a table row stored under {@code rowKey} (its key and its row), null when a partial index skips the row. */
    public Object[] entry(Object[] row, Object rowKey) {
        if (!covers(row)) {
            return null;
        }
        Object[] keyParts = rowKey instanceof Object[] a ? a : new Object[]{rowKey};
        Object[] e = new Object[2 * columns.length + keyParts.length];
        for (int i = 0; i < columns.length; i++) {
            Object v = keyValue(i, row);
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

    /** {@code KeyCodec.encode(prefix(value))}: the encoded prefix of the entries of leading value {@code value}. */
    public byte[] encodedPrefix(Object value) {
        return io.kyrodb.engine.storage.codec.KeyCodec.encodeIndexPrefix(value);
    }

    /** {@link #encodedPrefix(Object)} into {@code reuse} where it fits (a probe's buffer). */
    public byte[] encodedPrefix(Object value, byte[] reuse) {
        return io.kyrodb.engine.storage.codec.KeyCodec.encodeIndexPrefix(value, reuse);
    }

    public IndexInfo info(Table t) {
        List<String> names = new ArrayList<>();
        List<Boolean> desc = new ArrayList<>();
        List<Boolean> expression = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            names.add(keyText(t, i));
            desc.add(descending[i]);
            expression.add(bound[i] != null && !(i == 0 && jsonbGinDocument() instanceof io.kyrodb.engine.expr.ColumnExpr));
        }
        List<Boolean> nullsFirst = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            nullsFirst.add(shape.nullsFirst(i, descending));
        }
        return new IndexInfo(name, unique, List.copyOf(names), List.copyOf(desc), predicate, List.copyOf(expression),
                List.copyOf(nullsFirst), shape.include(), method(), opclass());
    }

    /**
     * Key part {@code i} as PostgreSQL's pg_get_indexdef shows it: a column's name, a function call
     * as written, any other expression in parentheses.
     */
    public String keyText(Table t, int i) {
        if (bound[i] == null) {
            return t.columns().get(columns[i]).name();
        }
        String text = expressions[i].strip();
        if (i == 0 && jsonbGin()) {   // jsonb_gin_items(doc[, 'jsonb_path_ops']): the document as written
            text = text.substring(JSONB_GIN_ITEMS.length(), text.length() - (opclass() != null ? PATH_OPS.length() : 1));
            if (jsonbGinDocument() instanceof io.kyrodb.engine.expr.ColumnExpr c) {
                return c.name();
            }
        }
        while (text.startsWith("(") && text.endsWith(")") && isCall("f" + text)) {
            text = text.substring(1, text.length() - 1).strip();   // redundant parentheses as written
        }
        return isCall(text) ? text : "(" + text + ")";
    }

    /** Whether {@code text} is one function call {@code name(...)} (its parentheses close at its end). */
    static boolean isCall(String text) {
        int open = text.indexOf('(');
        if (open <= 0 || !text.endsWith(")") || !text.substring(0, open).strip().matches("[A-Za-z_][A-Za-z_0-9.]*")) {
            return false;
        }
        int depth = 0;
        boolean quoted = false;
        for (int k = open; k < text.length(); k++) {
            char ch = text.charAt(k);
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && ch == '(') {
                depth++;
            } else if (!quoted && ch == ')' && --depth == 0 && k < text.length() - 1) {
                return false;
            }
        }
        return true;
    }

    /** The key parts, for messages as PostgreSQL's: {@code a, lower(b), (a + b)}. */
    public String columnList(Table t) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < keyWidth(); i++) {   // the key: what a UNIQUE violation names
            names.add(keyText(t, i));
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
            case ENUM -> new io.kyrodb.engine.types.EnumValue(0, "");
            case DOMAIN -> throw new IllegalArgumentException("a domain column keys as its base type");
            case INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> io.kyrodb.engine.types.Range.empty(kind);
            case JSON, JSONPATH, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, RECORD, TSVECTOR, TSQUERY ->
                    throw new IllegalArgumentException(kind + " has no key encoding");
        };
    }
}
