package io.kyrodb.jdbc;

import io.kyrodb.engine.PreparedSql;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.net.URL;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.JDBCType;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * A statement parsed once by {@code Session.prepare} and run with {@code ?} parameters. Values are
 * passed to the engine as Java objects (Short, Integer, Long, Float, Double, BigDecimal, Boolean,
 * String or null); the engine converts them to each parameter's inferred type and reports a bad
 * value with 22P02 or 22003. A batch goes to the engine in one {@code executeBatch} call.
 */
public final class KyroPreparedStatement extends KyroStatement implements PreparedStatement {
    private static final Object UNSET = new Object();

    private final String sql;
    private final PreparedSql prepared;
    private final boolean query;
    private final Object[] parameters;
    private final List<Object[]> batch = new ArrayList<>();
    /** Non-null when the statement was prepared to return generated keys (RETURNING appended). */
    private final GeneratedKeys.Request keys;

    KyroPreparedStatement(KyroJdbcConnection connection, String sql, PreparedSql prepared, int parameterCount, boolean query) {
        this(connection, sql, prepared, parameterCount, query, null);
    }

    KyroPreparedStatement(KyroJdbcConnection connection, String sql, PreparedSql prepared, int parameterCount, boolean query,
                          GeneratedKeys.Request keys) {
        super(connection);
        this.keys = keys;
        this.sql = sql;
        this.prepared = prepared;
        this.query = query;
        this.parameters = new Object[parameterCount];
        Arrays.fill(parameters, UNSET);
    }

    // ---- executing ----------------------------------------------------------------------------

    @Override
    public boolean execute() throws SQLException {
        Object[] values = boundParameters();
        beginExecution();
        if (keys != null) {
            setKeys(runOnSession(session -> prepared.execute(values)), keys);
            return false;
        }
        return setResult(runOnSession(session -> prepared.execute(values)));
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        checkOpen();
        if (!query) {
            throw SqlExceptions.create(SqlExceptions.NOT_A_QUERY,
                    "executeQuery needs a statement that returns rows; use executeUpdate or execute for: " + sql);
        }
        execute();
        return getResultSet();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        checkOpen();
        if (keys != null) {
            execute();
            return getLargeUpdateCount();
        }
        if (prepared.returnsChangedRows()) {
            // INSERT/UPDATE/DELETE ... RETURNING: pgjdbc runs it and reports the count.
            execute();
            getResultSet().close();
            return changedCount;
        }
        if (query) {
            throw SqlExceptions.create(SqlExceptions.QUERY_NOT_ALLOWED,
                    "executeUpdate got a query, which returns rows; use executeQuery or execute for: " + sql);
        }
        execute();
        return getLargeUpdateCount();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return clamp(executeLargeUpdate());
    }

    private Object[] boundParameters() throws SQLException {
        checkOpen();
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] == UNSET) {
                throw SqlExceptions.create("07001", "no value given for parameter " + (i + 1) + " of " + parameters.length + " in: " + sql);
            }
        }
        return parameters.clone();
    }

    @Override
    public void addBatch() throws SQLException {
        batch.add(boundParameters());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    /**
     * Runs every parameter set added with {@link #addBatch()} in one engine call. The engine stops
     * at the first failure; the BatchUpdateException then holds the counts of the sets that ran.
     */
    @Override
    public long[] executeLargeBatch() throws SQLException {
        beginExecution();
        List<Object[]> sets = List.copyOf(batch);
        batch.clear();
        if (sets.isEmpty()) {
            return new long[0];
        }
        if (query) {
            throw SqlExceptions.batch("a batch cannot run a query, which returns rows: " + sql,
                    SqlExceptions.QUERY_NOT_ALLOWED, new long[0], null);
        }
        try {
            if (keys != null) {
                GeneratedKeys.Collector collected = new GeneratedKeys.Collector(keys);
                try {
                    return runOnSession(session -> session.executeBatch(prepared, sets, collected::add));
                } finally {
                    setBatchKeys(collected);
                }
            }
            return runOnSession(session -> session.executeBatch(prepared, sets));
        } catch (BatchUpdateException e) {
            throw e;
        } catch (SQLException e) {
            throw SqlExceptions.batch(e.getMessage(), e.getSQLState(), new long[0], e);
        }
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return toIntCounts(executeLargeBatch());
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return query ? new KyroResultSetMetaData(connection.call(session -> prepared.resultColumns())) : null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new KyroParameterMetaData(parameters.length);
    }

    // ---- JDBC forbids the SQL-text methods on a PreparedStatement -------------------------------

    private SQLException textMethod(String method) {
        return SqlExceptions.create("42809", method + "(String) cannot be called on a PreparedStatement; use " + method + "()");
    }

    @Override public boolean execute(String sql) throws SQLException { throw textMethod("execute"); }
    @Override public ResultSet executeQuery(String sql) throws SQLException { throw textMethod("executeQuery"); }
    @Override public long executeLargeUpdate(String sql) throws SQLException { throw textMethod("executeLargeUpdate"); }
    @Override public int executeUpdate(String sql) throws SQLException { throw textMethod("executeUpdate"); }
    @Override public void addBatch(String sql) throws SQLException { throw textMethod("addBatch"); }

    // ---- parameters ---------------------------------------------------------------------------

    private void bind(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > parameters.length) {
            throw SqlExceptions.create(SqlExceptions.INVALID_INDEX, "parameter index " + index
                    + " is out of range (the statement has " + parameters.length + " parameters)");
        }
        parameters[index - 1] = value;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(parameters, UNSET);
    }

    @Override public void setNull(int index, int sqlType) throws SQLException { bind(index, null); }
    @Override public void setNull(int index, int sqlType, String typeName) throws SQLException { bind(index, null); }
    @Override public void setBoolean(int index, boolean x) throws SQLException { bind(index, x); }
    @Override public void setByte(int index, byte x) throws SQLException { bind(index, (short) x); }
    @Override public void setShort(int index, short x) throws SQLException { bind(index, x); }
    @Override public void setInt(int index, int x) throws SQLException { bind(index, x); }
    @Override public void setLong(int index, long x) throws SQLException { bind(index, x); }
    @Override public void setFloat(int index, float x) throws SQLException { bind(index, x); }
    @Override public void setDouble(int index, double x) throws SQLException { bind(index, x); }
    @Override public void setBigDecimal(int index, BigDecimal x) throws SQLException { bind(index, x); }
    @Override public void setString(int index, String x) throws SQLException { bind(index, x); }
    @Override public void setNString(int index, String x) throws SQLException { bind(index, x); }
    @Override public void setObject(int index, Object x) throws SQLException { bind(index, engineValue(index, x)); }

    /**
     * Binds {@code x} meant as {@code targetSqlType}: text types bind its text, numeric and boolean
     * types bind the value for the engine to convert; other types are not supported yet.
     */
    @Override
    public void setObject(int index, Object x, int targetSqlType) throws SQLException {
        if (x == null || targetSqlType == Types.NULL) {
            bind(index, null);
            return;
        }
        switch (targetSqlType) {
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR ->
                    bind(index, ValueConversions.toText(engineValue(index, x)));
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.REAL, Types.FLOAT, Types.DOUBLE,
                 Types.DECIMAL, Types.NUMERIC, Types.BOOLEAN, Types.BIT, Types.OTHER, Types.JAVA_OBJECT, Types.ARRAY,
                 Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY ->
                    bind(index, engineValue(index, x));
            case Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE, Types.TIME_WITH_TIMEZONE -> {
                Object v = engineValue(index, x);
                // a string binds as text and the engine reads it as the parameter's type
                bind(index, v instanceof String s ? s : v);
            }
            default -> throw SqlExceptions.unsupported("setObject with target type " + jdbcTypeName(targetSqlType));
        }
    }

    /**
     * A Java array's elements as the engine takes them (each as {@link #engineValue} converts it);
     * nested arrays ({@code Integer[][]}, {@code int[][]}, {@code String[][]}) give a
     * multi-dimensional array, whose levels must have matching lengths (2202E), as in pgjdbc.
     */
    private static io.kyrodb.engine.types.SqlArray engineArray(int index, Object[] a) throws SQLException {
        boolean nested = false;
        for (Object e : a) {
            nested |= isSubArray(e);
        }
        if (nested) {
            List<Integer> dims = new java.util.ArrayList<>();
            List<Object> flat = new java.util.ArrayList<>();
            KyroArray.flatten(boxed(a), 0, dims, flat);
            Object[] out = new Object[flat.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = engineValue(index, flat.get(i));
            }
            return io.kyrodb.engine.types.SqlArray.ofShape(dims.stream().mapToInt(Integer::intValue).toArray(), out);
        }
        Object[] out = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = engineValue(index, a[i]);   // no element is a sub-array here: those went above
            if (out[i] instanceof io.kyrodb.engine.types.SqlArray) {   // a java.sql.Array as an element
                throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "parameter " + index
                        + ": multidimensional arrays are not supported");
            }
        }
        return io.kyrodb.engine.types.SqlArray.of(out);
    }

    /** An element that is itself a level of a multi-dimensional array (byte[] is a bytea, float[] a vector). */
    private static boolean isSubArray(Object e) {
        return e != null && e.getClass().isArray() && !(e instanceof byte[]) && !(e instanceof float[]);
    }

    /** {@code a} with every nested array, primitive ones too ({@code int[][]}), as Object[] levels. */
    private static Object[] boxed(Object a) {
        int n = java.lang.reflect.Array.getLength(a);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            Object e = java.lang.reflect.Array.get(a, i);
            out[i] = isSubArray(e) ? boxed(e) : e;
        }
        return out;
    }

    @Override
    public void setObject(int index, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        if (x instanceof BigDecimal d && (targetSqlType == Types.DECIMAL || targetSqlType == Types.NUMERIC)) {
            x = d.setScale(scaleOrLength, RoundingMode.HALF_UP);
        }
        setObject(index, x, targetSqlType);
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType) throws SQLException {
        setObject(index, x, vendorNumber(targetSqlType));
    }

    @Override
    public void setObject(int index, Object x, SQLType targetSqlType, int scaleOrLength) throws SQLException {
        setObject(index, x, vendorNumber(targetSqlType), scaleOrLength);
    }

    private static int vendorNumber(SQLType type) throws SQLException {
        if (type instanceof JDBCType j) {
            return j.getVendorTypeNumber();
        }
        throw SqlExceptions.unsupported("setObject with SQLType " + type);
    }

    private static String jdbcTypeName(int type) {
        try {
            return JDBCType.valueOf(type).getName();
        } catch (IllegalArgumentException e) {
            return String.valueOf(type);
        }
    }

    /**
     * A Java object as the engine takes it: Number, String, Boolean, BigDecimal, float[] (a vector),
     * UUID, byte[] (bytea), a java.sql.Array or a Java array (an SQL array), or null.
     */
    private static Object engineValue(int index, Object x) throws SQLException {
        if (x instanceof float[] vector) {
            return vector.clone(); // the caller may reuse its array before executing
        }
        switch (x) {
            case java.util.UUID u -> { return u; }
            case byte[] b -> { return b.clone(); }
            case KyroArray a -> { return a.value(); }
            case Array a -> { return engineArray(index, (Object[]) a.getArray()); }
            case int[] a -> { return a.clone(); }
            case long[] a -> { return a.clone(); }
            case short[] a -> { return a.clone(); }
            case double[] a -> { return a.clone(); }
            case boolean[] a -> { return a.clone(); }
            case Object[] a -> { return engineArray(index, a); }
            case null, default -> { }
        }
        if (x == null || x instanceof String || x instanceof Boolean || x instanceof BigDecimal
                || x instanceof Long || x instanceof Integer || x instanceof Short || x instanceof Double || x instanceof Float) {
            return x;
        }
        if (x instanceof Byte b) {
            return (short) b;
        }
        if (x instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        Object temporal = TemporalValues.toEngine(x, null);
        if (temporal != null) {
            return temporal;
        }
        if (x instanceof Character c) {
            return c.toString();
        }
        if (x instanceof Number n) {
            try {
                return new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        Class<?> pgObject = pgObjectClass(x);
        if (pgObject != null) {
            return pgObjectText(pgObject, x, index);
        }
        throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "parameter " + index + ": cannot bind a "
                + x.getClass().getName() + " (KyroDB takes numbers, strings, booleans, float[], UUID, byte[], arrays, java.time and java.sql date/time values, pgjdbc PGobjects and null)");
    }

    private static final String PG_OBJECT = "org.postgresql.util.PGobject";

    /**
     * pgjdbc's {@code PGobject} class when {@code x} is one (pgvector-java's PGvector, PGhalfvec,
     * PGsparsevec and PGbit, or a json/jsonb value), else null. Found by name, so that the driver
     * does not depend on pgjdbc.
     */
    private static Class<?> pgObjectClass(Object x) {
        for (Class<?> c = x.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(PG_OBJECT)) {
                return c;
            }
        }
        return null;
    }

    /** A PGobject's text form (null: SQL NULL), which the engine reads as the parameter's type, as PostgreSQL does. */
    private static String pgObjectText(Class<?> pgObject, Object x, int index) throws SQLException {
        try {
            Object value = pgObject.getMethod("getValue").invoke(x);
            return value == null ? null : value.toString();
        } catch (ReflectiveOperationException e) {
            throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "parameter " + index
                    + ": cannot read the value of a " + x.getClass().getName() + ": " + e);
        }
    }

    @Override public void setCharacterStream(int index, Reader reader) throws SQLException { bind(index, readAll(reader, -1)); }
    @Override public void setCharacterStream(int index, Reader reader, int length) throws SQLException { bind(index, readAll(reader, length)); }
    @Override public void setCharacterStream(int index, Reader reader, long length) throws SQLException { bind(index, readAll(reader, length)); }
    @Override public void setNCharacterStream(int index, Reader reader) throws SQLException { bind(index, readAll(reader, -1)); }
    @Override public void setNCharacterStream(int index, Reader reader, long length) throws SQLException { bind(index, readAll(reader, length)); }

    /** Reads {@code length} characters (all when negative) into a String. */
    private static String readAll(Reader reader, long length) throws SQLException {
        if (reader == null) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[8192];
        try {
            long left = length < 0 ? Long.MAX_VALUE : length;
            int n;
            while (left > 0 && (n = reader.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
                text.append(buffer, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new SQLException("cannot read the character stream: " + e.getMessage(), "58030", e);
        }
        return text.toString();
    }

    private static SQLException noType(String setter) {
        return SqlExceptions.unsupported(setter + " (no date, time or LOB types yet)");
    }

    @Override public void setBytes(int index, byte[] x) throws SQLException { bind(index, x == null ? null : x.clone()); }
    @Override public void setDate(int index, Date x) throws SQLException { bind(index, TemporalValues.toEngine(x, null)); }
    @Override public void setDate(int index, Date x, Calendar cal) throws SQLException { bind(index, x == null ? null : TemporalValues.toEngine(x, cal)); }
    @Override public void setTime(int index, Time x) throws SQLException { bind(index, x == null ? null : TemporalValues.toEngine(x, null)); }
    @Override public void setTime(int index, Time x, Calendar cal) throws SQLException { bind(index, x == null ? null : TemporalValues.toEngine(x, cal)); }
    @Override public void setTimestamp(int index, Timestamp x) throws SQLException { bind(index, x == null ? null : TemporalValues.toEngine(x, null)); }
    @Override public void setTimestamp(int index, Timestamp x, Calendar cal) throws SQLException { bind(index, x == null ? null : TemporalValues.toEngine(x, cal)); }
    @Override public void setAsciiStream(int index, InputStream x) throws SQLException { throw noType("setAsciiStream"); }
    @Override public void setAsciiStream(int index, InputStream x, int length) throws SQLException { throw noType("setAsciiStream"); }
    @Override public void setAsciiStream(int index, InputStream x, long length) throws SQLException { throw noType("setAsciiStream"); }
    @Override @Deprecated public void setUnicodeStream(int index, InputStream x, int length) throws SQLException { throw noType("setUnicodeStream"); }
    @Override public void setBinaryStream(int index, InputStream x) throws SQLException { bind(index, readBytes(x, -1)); }
    @Override public void setBinaryStream(int index, InputStream x, int length) throws SQLException { bind(index, readBytes(x, length)); }
    @Override public void setBinaryStream(int index, InputStream x, long length) throws SQLException { bind(index, readBytes(x, length)); }

    /** Reads {@code length} bytes (all when negative) of a stream; fewer than {@code length} is an error, as in pgjdbc. */
    private static byte[] readBytes(InputStream in, long length) throws SQLException {
        if (in == null) {
            return null;
        }
        try {
            if (length < 0) {
                return in.readAllBytes();
            }
            if (length > Integer.MAX_VALUE - 16) {
                throw SqlExceptions.create(SqlExceptions.OUT_OF_RANGE, "a binary stream of " + length
                        + " bytes is too long for one value");
            }
            byte[] b = in.readNBytes((int) length);
            if (b.length < length) {
                throw SqlExceptions.create(SqlExceptions.INVALID_TEXT, "the binary stream ended after " + b.length
                        + " of the " + length + " bytes promised");
            }
            return b;
        } catch (java.io.IOException e) {
            throw SqlExceptions.create(SqlExceptions.INTERNAL_ERROR, "could not read the binary stream: " + e.getMessage());
        }
    }
    @Override public void setRef(int index, Ref x) throws SQLException { throw noType("setRef"); }
    @Override public void setBlob(int index, Blob x) throws SQLException { throw noType("setBlob"); }
    @Override public void setBlob(int index, InputStream x) throws SQLException { throw noType("setBlob"); }
    @Override public void setBlob(int index, InputStream x, long length) throws SQLException { throw noType("setBlob"); }
    @Override public void setClob(int index, Clob x) throws SQLException { throw noType("setClob"); }
    @Override public void setClob(int index, Reader x) throws SQLException { throw noType("setClob"); }
    @Override public void setClob(int index, Reader x, long length) throws SQLException { throw noType("setClob"); }
    @Override public void setNClob(int index, NClob x) throws SQLException { throw noType("setNClob"); }
    @Override public void setNClob(int index, Reader x) throws SQLException { throw noType("setNClob"); }
    @Override public void setNClob(int index, Reader x, long length) throws SQLException { throw noType("setNClob"); }
    @Override public void setArray(int index, Array x) throws SQLException { bind(index, engineValue(index, x)); }
    @Override public void setURL(int index, URL x) throws SQLException { throw noType("setURL"); }
    @Override public void setRowId(int index, RowId x) throws SQLException { throw noType("setRowId"); }
    @Override public void setSQLXML(int index, SQLXML x) throws SQLException { throw noType("setSQLXML"); }
}
