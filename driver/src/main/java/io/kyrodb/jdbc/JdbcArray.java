package io.kyrodb.jdbc;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The {@link Array} {@code Connection.createArrayOf} returns: the element type's name and a copy of
 * the elements. KyroDB binds one of numbers as a vector ({@link VectorArrayParameter}); SQL array
 * columns are not there yet.
 */
final class JdbcArray implements Array {
    private final String baseTypeName;
    private Object[] elements;

    JdbcArray(String baseTypeName, Object[] elements) {
        this.baseTypeName = baseTypeName.strip().toLowerCase(Locale.ROOT);
        this.elements = elements.clone();
    }

    private Object[] elements() throws SQLException {
        if (elements == null) {
            throw SqlExceptions.create(SqlExceptions.OBJECT_CLOSED, "the array was freed");
        }
        return elements;
    }

    @Override public String getBaseTypeName() { return baseTypeName; }

    @Override
    public int getBaseType() {
        return switch (baseTypeName) {
            case "real", "float4" -> Types.REAL;
            case "float", "float8", "double", "double precision" -> Types.DOUBLE;
            case "numeric", "decimal" -> Types.NUMERIC;
            case "int2", "smallint" -> Types.SMALLINT;
            case "int4", "int", "integer" -> Types.INTEGER;
            case "int8", "bigint" -> Types.BIGINT;
            case "text", "varchar" -> Types.VARCHAR;
            case "bool", "boolean" -> Types.BOOLEAN;
            default -> Types.OTHER;
        };
    }

    @Override public Object getArray() throws SQLException { return elements().clone(); }
    @Override public Object getArray(Map<String, Class<?>> map) throws SQLException { return getArray(); }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        Object[] all = elements();
        if (index < 1 || count < 0 || index - 1 + count > all.length) {
            throw SqlExceptions.create(SqlExceptions.INVALID_INDEX, "array slice from " + index + " of " + count
                    + " elements is outside the array's " + all.length);
        }
        return Arrays.copyOfRange(all, (int) index - 1, (int) index - 1 + count);
    }

    @Override public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException { return getArray(index, count); }
    @Override public ResultSet getResultSet() throws SQLException { throw SqlExceptions.unsupported("Array.getResultSet"); }
    @Override public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException { throw SqlExceptions.unsupported("Array.getResultSet"); }
    @Override public ResultSet getResultSet(long index, int count) throws SQLException { throw SqlExceptions.unsupported("Array.getResultSet"); }
    @Override public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException { throw SqlExceptions.unsupported("Array.getResultSet"); }
    @Override public void free() { elements = null; }

    @Override
    public String toString() {
        return elements == null ? "{}" : Arrays.toString(elements).replace('[', '{').replace(']', '}').replace(" ", "");
    }
}
