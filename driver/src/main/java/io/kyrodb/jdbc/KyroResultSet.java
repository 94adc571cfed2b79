package io.kyrodb.jdbc;

import io.kyrodb.engine.ExecResult;
import io.kyrodb.engine.ResultColumn;

import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only, read-only cursor over the rows of one query (or of a metadata call). Values are
 * converted on read by {@link ValueConversions}. Engine calls ({@code Rows.next()}) run under the
 * connection's lock, since a Session serves one thread at a time.
 *
 * <p>Closed when the user closes it, when its statement runs again or is closed (which the
 * connection's close does too), or when the statement was told to close on completion.
 */
public final class KyroResultSet extends ReadOnlyResultSet {
    private final KyroStatement statement;
    private final Object lock;
    private final List<ResultColumn> columns;
    /** Per column, whether it is character(n) and its values are padded on the way out; null when none is. */
    private final boolean[] padded;
    private final long maxRows;
    private ExecResult.Rows rows;
    private Map<String, Integer> columnsByLabel;
    private Object[] current;
    private Object[] lookahead;
    private boolean lookaheadFetched;
    private long rowNumber;
    private boolean afterLast;
    private boolean closed;
    private boolean wasNull;
    private int fetchSize;

    /**
     * @param statement the statement it belongs to, or null for metadata results
     * @param lock      held while the engine produces a row
     * @param maxRows   at most this many rows are returned; 0 means all
     */
    KyroResultSet(KyroStatement statement, Object lock, ExecResult.Rows rows, long maxRows) {
        this.statement = statement;
        this.lock = lock;
        this.rows = rows;
        this.columns = List.copyOf(rows.columns());
        boolean[] p = new boolean[columns.size()];
        boolean any = false;
        for (int i = 0; i < p.length; i++) {
            p[i] = columns.get(i).type().blankPadded();
            any |= p[i];
        }
        this.padded = any ? p : null;
        this.maxRows = maxRows;
    }

    /** A result built by the driver (DatabaseMetaData), with no statement behind it. */
    static KyroResultSet of(ExecResult.Rows rows) {
        return new KyroResultSet(null, new Object(), rows, 0);
    }

    // ---- cursor -------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        Object[] row = fetch();
        if (row == null) {
            current = null;
            afterLast = true;
            return false;
        }
        current = row;
        rowNumber++;
        return true;
    }

    private Object[] fetch() throws SQLException {
        if (lookaheadFetched) {
            lookaheadFetched = false;
            Object[] row = lookahead;
            lookahead = null;
            return row;
        }
        if (maxRows > 0 && rowNumber >= maxRows) {
            return null;
        }
        synchronized (lock) {
            try {
                return rows.next();
            } catch (RuntimeException e) {
                throw SqlExceptions.from(e);
            }
        }
    }

    /** Whether another row follows the current position (fetching it ahead if need be). */
    private boolean hasRowAhead() throws SQLException {
        if (afterLast) {
            return false;
        }
        if (!lookaheadFetched) {
            lookahead = fetch();
            lookaheadFetched = true;
        }
        return lookahead != null;
    }

    @Override public boolean isBeforeFirst() throws SQLException { checkOpen(); return rowNumber == 0 && hasRowAhead(); }
    @Override public boolean isAfterLast() throws SQLException { checkOpen(); return afterLast && rowNumber > 0; }
    @Override public boolean isFirst() throws SQLException { checkOpen(); return current != null && rowNumber == 1; }
    @Override public boolean isLast() throws SQLException { checkOpen(); return current != null && !hasRowAhead(); }
    @Override public int getRow() throws SQLException { checkOpen(); return current == null ? 0 : (int) Math.min(rowNumber, Integer.MAX_VALUE); }

    @Override
    public void close() throws SQLException {
        if (closed) {
            return;
        }
        closed = true;
        current = null;
        lookahead = null;
        ExecResult.Rows released = rows;
        rows = null;
        if (released instanceof AutoCloseable resource) {
            try {
                resource.close();
            } catch (Exception e) {
                throw e instanceof RuntimeException r ? SqlExceptions.from(r) : new SQLException(e.getMessage(), SqlExceptions.INTERNAL_ERROR, e);
            }
        }
        if (statement != null) {
            statement.resultSetClosed(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw SqlExceptions.create(SqlExceptions.INVALID_CURSOR_STATE, "the result set is closed");
        }
    }

    // ---- values -------------------------------------------------------------------------------

    private Object value(int column) throws SQLException {
        checkOpen();
        checkIndex(column);
        if (current == null) {
            throw SqlExceptions.create(SqlExceptions.INVALID_CURSOR_STATE, afterLast
                    ? "no current row: the cursor is after the last row"
                    : "no current row: call next() before reading values");
        }
        Object v = current[column - 1];
        wasNull = v == null;
        if (padded != null && padded[column - 1] && v instanceof String s) {   // character(n): padded, as from PostgreSQL
            return columns.get(column - 1).type().padded(s);
        }
        return v;
    }

    private void checkIndex(int column) throws SQLException {
        if (column < 1 || column > columns.size()) {
            throw SqlExceptions.create(SqlExceptions.INVALID_INDEX, "column index " + column
                    + " is out of range (the result has " + columns.size() + " columns)");
        }
    }

    private String where(int column) {
        return " (column " + column + ", \"" + columns.get(column - 1).label() + "\")";
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (columnsByLabel == null) {
            Map<String, Integer> byLabel = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                byLabel.putIfAbsent(columns.get(i).label().toLowerCase(Locale.ROOT), i + 1);
            }
            columnsByLabel = byLabel;
        }
        Integer index = label == null ? null : columnsByLabel.get(label.toLowerCase(Locale.ROOT));
        if (index == null) {
            throw SqlExceptions.create("42703", "column \"" + label + "\" is not in this result (columns: "
                    + String.join(", ", columns.stream().map(ResultColumn::label).toList()) + ")");
        }
        return index;
    }

    @Override public boolean wasNull() throws SQLException { checkOpen(); return wasNull; }

    @Override public String getString(int column) throws SQLException { Object v = value(column); return v == null ? null : ValueConversions.toText(v); }
    @Override public boolean getBoolean(int column) throws SQLException { Object v = value(column); return v != null && ValueConversions.toBoolean(v, where(column)); }
    @Override public byte getByte(int column) throws SQLException { Object v = value(column); return v == null ? 0 : ValueConversions.toByte(v, where(column)); }
    @Override public short getShort(int column) throws SQLException { Object v = value(column); return v == null ? 0 : ValueConversions.toShort(v, where(column)); }
    @Override public int getInt(int column) throws SQLException { Object v = value(column); return v == null ? 0 : ValueConversions.toInt(v, where(column)); }
    @Override public long getLong(int column) throws SQLException { Object v = value(column); return v == null ? 0 : ValueConversions.toLong(v, where(column)); }
    @Override public float getFloat(int column) throws SQLException { Object v = value(column); return v == null ? 0 : ValueConversions.toFloat(v, where(column)); }
    @Override public double getDouble(int column) throws SQLException { Object v = value(column); return v == null ? 0 : ValueConversions.toDouble(v, where(column)); }
    @Override public BigDecimal getBigDecimal(int column) throws SQLException { Object v = value(column); return v == null ? null : ValueConversions.toBigDecimal(v, where(column)); }
    @Override public java.sql.Date getDate(int column) throws SQLException { return getDate(column, null); }
    @Override public java.sql.Time getTime(int column) throws SQLException { return getTime(column, null); }
    @Override public java.sql.Timestamp getTimestamp(int column) throws SQLException { return getTimestamp(column, null); }

    @Override
    public java.sql.Date getDate(int column, java.util.Calendar cal) throws SQLException {
        Object v = value(column);
        return v == null ? null : temporal(TemporalValues.toDate(v instanceof String s ? parse(s, column) : v, cal), v, "date", column);
    }

    @Override
    public java.sql.Time getTime(int column, java.util.Calendar cal) throws SQLException {
        Object v = value(column);
        return v == null ? null : temporal(TemporalValues.toTime(v instanceof String s ? parse(s, column) : v, cal), v, "time", column);
    }

    @Override
    public java.sql.Timestamp getTimestamp(int column, java.util.Calendar cal) throws SQLException {
        Object v = value(column);
        return v == null ? null : temporal(TemporalValues.toTimestamp(v instanceof String s ? parse(s, column) : v, cal), v,
                "timestamp", column);
    }

    private <T> T temporal(T converted, Object v, String target, int column) throws SQLException {
        if (converted == null) {
            throw ValueConversions.cannotConvert(v, target, where(column));
        }
        return converted;
    }

    /** Text read as a timestamp (date-only text gives midnight), as pgjdbc reads a string column with getTimestamp. */
    private Object parse(String s, int column) throws SQLException {
        try {
            return io.kyrodb.engine.types.DateTimeText.parseTimestamp(s);
        } catch (io.kyrodb.engine.KyroException e) {
            throw SqlExceptions.create(e.state().code(), e.getMessage() + where(column));
        }
    }

    /**
     * The value's class is its type's {@code TypeKind.javaClass()}, except as pgjdbc: a vector is a
     * fresh {@code float[]}, bytea a {@code byte[]}, jsonb its text, an array a {@link KyroArray}, dates and times java.sql.Date, Time and Timestamp.
     */
    @Override public Object getObject(int column) throws SQLException { return jdbcObject(column, value(column)); }

    private Object jdbcObject(int column, Object v) {
        return v instanceof io.kyrodb.engine.types.SqlArray a ? new KyroArray(arrayElement(column), a) : TemporalValues.jdbcObject(KyroArray.jdbcValue(v));
    }

    private io.kyrodb.engine.types.SqlType arrayElement(int column) {
        io.kyrodb.engine.types.SqlType t = columns.get(column - 1).type();
        return t.isArray() ? t.element() : io.kyrodb.engine.types.SqlType.TEXT;
    }

    @Override
    public java.sql.Array getArray(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (!(v instanceof io.kyrodb.engine.types.SqlArray a)) {
            throw ValueConversions.cannotConvert(v, "java.sql.Array", where(column));
        }
        return new KyroArray(arrayElement(column), a);
    }

    /** bytea as its bytes; any other value as the UTF-8 bytes of its text, as pgjdbc does. */
    @Override
    public byte[] getBytes(int column) throws SQLException {
        Object v = value(column);
        if (v == null) {
            return null;
        }
        return v instanceof io.kyrodb.engine.types.Bytes b ? b.toByteArray()
                : ValueConversions.toText(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public java.io.InputStream getBinaryStream(int column) throws SQLException {
        byte[] b = getBytes(column);
        return b == null ? null : new java.io.ByteArrayInputStream(b);
    }
    @Override public String getNString(int column) throws SQLException { return getString(column); }

    @Override
    @Deprecated
    public BigDecimal getBigDecimal(int column, int scale) throws SQLException {
        BigDecimal d = getBigDecimal(column);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    @Override
    public <T> T getObject(int column, Class<T> type) throws SQLException {
        if (type == null) {
            throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "getObject needs a type, not null");
        }
        Object v = value(column);
        if (v == null) {
            return null;
        }
        if (type == java.sql.Array.class || type == KyroArray.class) {
            return type.cast(getArray(column));
        }
        if (type == byte[].class && v instanceof io.kyrodb.engine.types.Bytes b) {
            return type.cast(b.toByteArray());
        }
        if (type == java.util.UUID.class && v instanceof String s) {
            try {
                return type.cast(io.kyrodb.engine.types.UuidText.parse(s));
            } catch (io.kyrodb.engine.KyroException e) {
                throw SqlExceptions.create(SqlExceptions.INVALID_TEXT, e.getMessage() + where(column));
            }
        }
        Object o = jdbcObject(column, v);
        return o == v || type != Object.class ? ValueConversions.toClass(v, type, where(column)) : type.cast(o);
    }

    @Override
    public Object getObject(int column, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) {
            throw SqlExceptions.unsupported("getObject with a type map (KyroDB has no user-defined types)");
        }
        return getObject(column);
    }

    @Override
    public Reader getCharacterStream(int column) throws SQLException {
        String s = getString(column);
        return s == null ? null : new StringReader(s);
    }

    @Override public Reader getNCharacterStream(int column) throws SQLException { return getCharacterStream(column); }

    @Override public String getString(String label) throws SQLException { return getString(findColumn(label)); }
    @Override public boolean getBoolean(String label) throws SQLException { return getBoolean(findColumn(label)); }
    @Override public byte getByte(String label) throws SQLException { return getByte(findColumn(label)); }
    @Override public short getShort(String label) throws SQLException { return getShort(findColumn(label)); }
    @Override public int getInt(String label) throws SQLException { return getInt(findColumn(label)); }
    @Override public long getLong(String label) throws SQLException { return getLong(findColumn(label)); }
    @Override public float getFloat(String label) throws SQLException { return getFloat(findColumn(label)); }
    @Override public double getDouble(String label) throws SQLException { return getDouble(findColumn(label)); }
    @Override public BigDecimal getBigDecimal(String label) throws SQLException { return getBigDecimal(findColumn(label)); }
    @Override @Deprecated public BigDecimal getBigDecimal(String label, int scale) throws SQLException { return getBigDecimal(findColumn(label), scale); }
    @Override public Object getObject(String label) throws SQLException { return getObject(findColumn(label)); }
    @Override public <T> T getObject(String label, Class<T> type) throws SQLException { return getObject(findColumn(label), type); }
    @Override public Object getObject(String label, Map<String, Class<?>> map) throws SQLException { return getObject(findColumn(label), map); }
    @Override public String getNString(String label) throws SQLException { return getNString(findColumn(label)); }
    @Override public Reader getCharacterStream(String label) throws SQLException { return getCharacterStream(findColumn(label)); }
    @Override public Reader getNCharacterStream(String label) throws SQLException { return getNCharacterStream(findColumn(label)); }

    // ---- properties ---------------------------------------------------------------------------

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new KyroResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw SqlExceptions.create(SqlExceptions.INVALID_CURSOR_STATE,
                    "fetch direction " + direction + " needs a scrollable result set; KyroDB result sets are FETCH_FORWARD only");
        }
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw SqlExceptions.create("22023", "fetch size must not be negative: " + rows);
        }
        fetchSize = rows;
    }

    @Override public int getFetchDirection() throws SQLException { checkOpen(); return ResultSet.FETCH_FORWARD; }
    @Override public int getFetchSize() throws SQLException { checkOpen(); return fetchSize; }
    @Override public int getType() throws SQLException { checkOpen(); return ResultSet.TYPE_FORWARD_ONLY; }
    @Override public int getConcurrency() throws SQLException { checkOpen(); return ResultSet.CONCUR_READ_ONLY; }
    @Override public int getHoldability() throws SQLException { checkOpen(); return ResultSet.HOLD_CURSORS_OVER_COMMIT; }
    @Override public SQLWarning getWarnings() throws SQLException { checkOpen(); return null; }
    @Override public void clearWarnings() throws SQLException { checkOpen(); }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "a KyroResultSet does not wrap a " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
