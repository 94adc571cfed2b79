package io.kyrodb.engine;

import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;

import java.math.BigDecimal;

/** Converts the Java values a driver binds to {@code ?} parameters into values of the parameters' types. */
final class ParameterValues {
    private ParameterValues() {
    }

    static Object[] convert(Object[] values, SqlType[] types) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                out[i] = convert(values[i], types[i]);
            } catch (KyroException e) {
                throw new KyroException(e.state(), "parameter $" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Object convert(Object v, SqlType type) {
        if (v != null && v.getClass() == type.kind().javaClass() && type.length() == 0
                && type.kind() != io.kyrodb.engine.types.TypeKind.ARRAY && type.kind() != io.kyrodb.engine.types.TypeKind.JSON) {
            return v;   // already a value of the type: nothing to check or convert (varchar(n), vector(n) have limits)
        }
        Object plain = plain(v, type);
        if (plain == null) {
            return null;
        }
        if (type.kind() == io.kyrodb.engine.types.TypeKind.BOOLEAN && plain instanceof Number) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "a number cannot be used for a boolean parameter: " + v);
        }
        if (plain instanceof Boolean && type.kind().isNumeric()) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "a boolean cannot be used for a parameter of type "
                    + type.displayName());
        }
        return Casts.convert(plain, type, false);
    }

    /** A Java value as one of the engine's value classes (before conversion to the parameter's type). */
    private static Object plain(Object v, SqlType type) {
        return switch (v) {
            case null -> null;
            case Byte b -> (short) b;
            case Character c -> c.toString();
            case BigDecimal d -> type.kind().isInteger() ? integral(d, type)
                    : type.kind() == io.kyrodb.engine.types.TypeKind.NUMERIC || type.kind().isText() ? d : (Object) d.doubleValue();
            case java.math.BigInteger b -> type.kind().isInteger() ? integral(new BigDecimal(b), type) : (Object) b.doubleValue();
            case java.time.LocalDate d -> d;
            case java.time.LocalTime t -> t;
            case java.time.OffsetTime t -> t;
            case java.time.LocalDateTime t -> t;
            case java.time.Instant i -> i;
            case java.time.OffsetDateTime t -> t.toInstant();
            case java.time.ZonedDateTime t -> t.toInstant();
            case io.kyrodb.engine.types.Interval i -> i;
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            case Float f -> f;
            case Double d -> d;
            case Boolean b -> b;
            case String s -> s;
            case float[] vector -> vector;
            case io.kyrodb.engine.vector.HalfVector half -> half;
            case io.kyrodb.engine.vector.SparseVector sparse -> sparse;
            case io.kyrodb.engine.types.BitString bits -> bits;
            case java.util.UUID u -> u;
            case byte[] b -> io.kyrodb.engine.types.Bytes.copyOf(b);
            case io.kyrodb.engine.types.Bytes b -> b;
            case io.kyrodb.engine.types.Jsonb j -> j;
            case io.kyrodb.engine.types.SqlArray a -> a.withElements(elements(a.elements(), type).elements());   // keeps its shape
            case int[] a -> elements(java.util.Arrays.stream(a).boxed().toArray(), type);
            case long[] a -> elements(java.util.Arrays.stream(a).boxed().toArray(), type);
            case double[] a -> elements(java.util.Arrays.stream(a).boxed().toArray(), type);
            case short[] a -> {
                Object[] boxed = new Object[a.length];
                for (int i = 0; i < a.length; i++) {
                    boxed[i] = a[i];
                }
                yield elements(boxed, type);
            }
            case boolean[] a -> {
                Object[] boxed = new Object[a.length];
                for (int i = 0; i < a.length; i++) {
                    boxed[i] = a[i];
                }
                yield elements(boxed, type);
            }
            case Object[] a -> elements(a, type);
            default -> throw new KyroException(SqlState.DATATYPE_MISMATCH, "a value of Java type "
                    + v.getClass().getName() + " cannot be used for a parameter of type " + type.displayName());
        };
    }

    /** A Java array's elements as an SQL array of the engine's value classes (converted to the element type later). */
    private static io.kyrodb.engine.types.SqlArray elements(Object[] a, SqlType type) {
        SqlType element = type.isArray() ? type.element() : SqlType.TEXT;
        if (java.util.Arrays.stream(a).anyMatch(ParameterValues::isLevel)) {   // Integer[][], int[][]: one more dimension
            java.util.List<Integer> dims = new java.util.ArrayList<>();
            java.util.List<Object> leaves = new java.util.ArrayList<>();
            flatten(a, 0, dims, leaves);
            Object[] out = new Object[leaves.size()];
            for (int i = 0; i < out.length; i++) {
                out[i] = leaves.get(i) == null ? null : plain(leaves.get(i), element);
            }
            return io.kyrodb.engine.types.SqlArray.ofShape(dims.stream().mapToInt(Integer::intValue).toArray(), out);
        }
        Object[] out = new Object[a.length];
        for (int i = 0; i < a.length; i++) {
            Object e = a[i] == null ? null : plain(a[i], element);
            if (e instanceof io.kyrodb.engine.types.SqlArray) {
                throw new KyroException(SqlState.DATATYPE_MISMATCH, "multidimensional arrays are not supported"
                        + " (parameter of type " + type.displayName() + ")");
            }
            out[i] = e;
        }
        return io.kyrodb.engine.types.SqlArray.of(out);
    }

    /** A level of a multi-dimensional Java array (byte[] is a bytea, float[] a vector: values, not levels). */
    private static boolean isLevel(Object e) {
        return e != null && e.getClass().isArray() && !(e instanceof byte[]) && !(e instanceof float[]);
    }

    /** {@code level}'s leaves in row-major order, each level's length in {@code dims}; 2202E when ragged. */
    private static void flatten(Object level, int depth, java.util.List<Integer> dims, java.util.List<Object> leaves) {
        int n = java.lang.reflect.Array.getLength(level);
        if (dims.size() == depth) {
            dims.add(n);
        } else if (dims.get(depth) != n) {
            throw ragged();
        }
        for (int i = 0; i < n; i++) {
            Object e = java.lang.reflect.Array.get(level, i);
            if ((depth + 1 < dims.size() || isLevel(e)) != isLevel(e)) {
                throw ragged();
            }
            if (isLevel(e)) {
                flatten(e, depth + 1, dims, leaves);
            } else {
                leaves.add(e);
            }
        }
    }

    private static KyroException ragged() {
        return new KyroException(SqlState.ARRAY_SUBSCRIPT_ERROR,
                "multidimensional arrays must have array expressions with matching dimensions");
    }

    private static Object integral(BigDecimal d, SqlType type) {
        try {
            return io.kyrodb.engine.types.Values.narrow(d.toBigIntegerExact(), type);
        } catch (ArithmeticException notWhole) {
            return io.kyrodb.engine.types.Values.roundToInteger(d.doubleValue(), type);
        }
    }
}
