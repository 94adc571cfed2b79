package io.kyrodb.jdbc;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.types.Bytes;
import io.kyrodb.engine.types.Jsonb;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeResolver;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.TypeName;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code java.sql.Array}: an SQL array value as a result column gives it, or as
 * {@code Connection.createArrayOf} builds it for a parameter. Like pgjdbc's: {@link #getArray()}
 * returns an array of the element type's Java class ({@code Integer[]} for {@code integer[]},
 * {@code String[]} for {@code text[]}, {@code byte[][]} for {@code bytea[]}), {@link #getResultSet()}
 * rows of {@code (INDEX, VALUE)} with 1-based indexes, {@link #toString()} the text form
 * {@code {1,2,3}}. Immutable; {@link #free()} only marks it freed.
 */
public final class KyroArray implements Array {
    private final SqlType elementType;
    private final SqlArray value;
    private volatile boolean freed;

    KyroArray(SqlType elementType, SqlArray value) {
        this.elementType = elementType;
        this.value = value;
    }

    /**
     * {@code createArrayOf(typeName, elements)}: the element type by its SQL or internal name
     * ({@code integer}, {@code int4}, {@code text}, {@code float8}, {@code uuid} ...).
     */
    static KyroArray of(String typeName, Object[] elements) throws SQLException {
        if (typeName == null) {
            throw SqlExceptions.create(SqlExceptions.INVALID_TEXT, "createArrayOf needs an element type name");
        }
        String name = typeName.strip().toLowerCase(Locale.ROOT);
        name = switch (name) {
            case "float4" -> "real";
            case "float8" -> "double precision";
            case "bool" -> "boolean";
            case "string" -> "text";
            default -> name.startsWith("_") ? name.substring(1) : name.endsWith("[]") ? name.substring(0, name.length() - 2) : name;
        };
        SqlType element;
        try {
            element = TypeResolver.resolve(new TypeName(new Pos(1, 1, 0), name, List.of()), name);
        } catch (KyroException e) {
            throw SqlExceptions.create(e.state().code(), "createArrayOf: unknown element type \"" + typeName + "\"");
        }
        Object[] copy = elements == null ? new Object[0] : elements.clone();
        boolean nested = false;
        for (Object e : copy) {
            nested |= e instanceof Object[];
            if (e != null && e.getClass().isArray() && !(e instanceof Object[]) && !(e instanceof byte[]) && !(e instanceof float[])) {
                throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION,
                        "createArrayOf: a multidimensional array must be made of object arrays (Integer[][], not int[][])");
            }
        }
        if (!nested) {
            return new KyroArray(element, SqlArray.of(copy));
        }
        // Integer[][] and deeper: the lengths of each level must agree, as Postgres requires
        List<Integer> dims = new ArrayList<>();
        List<Object> flat = new ArrayList<>();
        flatten(copy, 0, dims, flat);
        int[] shape = dims.stream().mapToInt(Integer::intValue).toArray();
        return new KyroArray(element, SqlArray.ofShape(shape, flat.toArray()));
    }

    /** {@code level}'s leaves in row-major order into {@code flat}, each level's length into {@code dims} (2202E when ragged). */
    static void flatten(Object[] level, int depth, List<Integer> dims, List<Object> flat) throws SQLException {
        if (dims.size() == depth) {
            dims.add(level.length);
        } else if (dims.get(depth) != level.length) {
            throw SqlExceptions.create("2202E", "multidimensional arrays must have array expressions with matching dimensions");
        }
        for (Object e : level) {
            boolean deeper = depth + 1 < dims.size() || e instanceof Object[];
            if (deeper != (e instanceof Object[])) {
                throw SqlExceptions.create("2202E", "multidimensional arrays must have array expressions with matching dimensions");
            }
            if (e instanceof Object[] sub) {
                flatten(sub, depth + 1, dims, flat);
            } else {
                flat.add(e);
            }
        }
    }

    /** The engine's value, for binding as a parameter (elements still the caller's Java objects). */
    SqlArray value() {
        return value;
    }

    @Override
    public String getBaseTypeName() throws SQLException {
        checkFreed();
        return JdbcTypes.typeName(elementType.kind());
    }

    @Override
    public int getBaseType() throws SQLException {
        checkFreed();
        return elementType.kind().jdbcType();
    }

    @Override
    public Object getArray() throws SQLException {
        checkFreed();
        if (value.ndims() > 1) {
            return nested(value.dims(), 0, new int[]{0});
        }
        return elements(0, value.length());
    }

    /** A multi-dimensional value as nested Java arrays ({@code Integer[][]}), as pgjdbc returns it. */
    private Object nested(int[] dims, int depth, int[] next) {
        if (depth == dims.length - 1) {
            Object out = elements(next[0], dims[depth]);
            next[0] += dims[depth];
            return out;
        }
        Class<?> type = elementClass();
        for (int d = depth + 1; d < dims.length; d++) {
            type = type.arrayType();
        }
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(type, dims[depth]);
        for (int i = 0; i < out.length; i++) {
            out[i] = nested(dims, depth + 1, next);
        }
        return out;
    }

    @Override
    public Object getArray(Map<String, Class<?>> map) throws SQLException {
        return getArray();
    }

    @Override
    public Object getArray(long index, int count) throws SQLException {
        checkFreed();
        int from = checkRange(index, count);
        return elements(from, count);
    }

    @Override
    public Object getArray(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getArray(index, count);
    }

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkFreed();
        return rows(0, value.length());
    }

    @Override
    public ResultSet getResultSet(Map<String, Class<?>> map) throws SQLException {
        return getResultSet();
    }

    @Override
    public ResultSet getResultSet(long index, int count) throws SQLException {
        checkFreed();
        return rows(checkRange(index, count), count);
    }

    @Override
    public ResultSet getResultSet(long index, int count, Map<String, Class<?>> map) throws SQLException {
        return getResultSet(index, count);
    }

    @Override
    public void free() {
        freed = true;
    }

    /** The text form, as Postgres prints the array: {@code {1,2,NULL}}. */
    @Override
    public String toString() {
        return value.toString();
    }

    private int checkRange(long index, int count) throws SQLException {
        if (index < 1 || count < 0 || index - 1 + count > value.length()) {
            throw SqlExceptions.create(SqlExceptions.INVALID_INDEX, "array index " + index + " and count " + count
                    + " are out of range for an array of " + value.length() + " elements");
        }
        return (int) (index - 1);
    }

    private Object elements(int from, int count) {
        Object[] out = (Object[]) java.lang.reflect.Array.newInstance(elementClass(), count);
        for (int i = 0; i < count; i++) {
            out[i] = jdbcValue(value.get(from + i));
        }
        return out;
    }

    private Class<?> elementClass() {
        return switch (elementType.kind()) {
            case BYTEA -> byte[].class;
            case JSONB, JSONPATH, TSVECTOR, TSQUERY, INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> String.class;
            case VECTOR -> float[].class;
            default -> elementType.kind().javaClass();
        };
    }

    private ResultSet rows(int from, int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(new Object[] {from + i + 1, value.get(from + i)});
        }
        return KyroResultSet.of(new ListRows(List.of(
                new ResultColumn("INDEX", SqlType.INTEGER, false, "", ""),
                new ResultColumn("VALUE", elementType, true, "", "")), rows));
    }

    /** An engine value as JDBC hands it out: bytea as byte[], jsonb as its text, a vector as a fresh float[]. */
    static Object jdbcValue(Object v) {
        return switch (v) {
            case Bytes b -> b.toByteArray();
            case Jsonb j -> j.toString();
            case io.kyrodb.engine.types.jsonpath.JsonPath p -> p.toString();
            case io.kyrodb.engine.types.TsVector tv -> tv.toString();
            case io.kyrodb.engine.types.TsQuery tq -> tq.toString();
            case io.kyrodb.engine.types.Range r -> r.toString();   // a range reads as its text, [1,5) (pgjdbc's PGobject value)
            case float[] f -> f.clone();
            case io.kyrodb.engine.types.NumericSpecial n -> n.doubleValue();   // BigDecimal has no NaN: pgjdbc gives a Double too
            case io.kyrodb.engine.vector.HalfVector h -> h.toFloats();   // a halfvec reads as float[], like a vector
            case io.kyrodb.engine.types.BitString bits -> bits.toString();   // a bit string reads as its text, 0101
            case io.kyrodb.engine.types.RegClass r -> r.name();   // a regclass reads as the name it prints
            case io.kyrodb.engine.types.SqlRecord r -> r.toString();   // a record reads as its text, (1,a)
            case io.kyrodb.engine.types.EnumValue e -> e.label();   // an enum value reads as its label, as pgjdbc's
            case null, default -> v;
        };
    }

    private void checkFreed() throws SQLException {
        if (freed) {
            throw SqlExceptions.create(SqlExceptions.OBJECT_CLOSED, "this Array has been freed");
        }
    }
}
