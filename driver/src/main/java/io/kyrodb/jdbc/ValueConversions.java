package io.kyrodb.jdbc;

import io.kyrodb.engine.vector.HalfVector;
import io.kyrodb.engine.vector.VectorText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.util.Locale;

/**
 * Converts a non-null column value (Short, Integer, Long, Float, Double, Boolean or String, as
 * the engine delivers them) to what a ResultSet getter returns, the way pgjdbc does: text that
 * holds a number converts to it, a fraction is truncated toward zero for integer getters, a value
 * outside the target's range fails with 22003 and text that is not a number (or boolean) with 22P02.
 * {@code where} names the column in messages.
 */
final class ValueConversions {
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ValueConversions() {
    }

    /** What getObject returns: the value, a vector or halfvec as a fresh {@code float[]}. */
    static Object toObject(Object value) {
        if (value instanceof float[] vector) {
            return vector.clone();
        }
        if (value instanceof io.kyrodb.engine.types.NumericSpecial n) {
            return n.doubleValue();   // as getObject(i): a Double
        }
        if (value instanceof io.kyrodb.engine.types.BitString bits) {
            return bits.toString();   // bit strings reach the application as their text, 0101
        }
        return value instanceof HalfVector half ? half.toFloats() : value;
    }

    static String toText(Object value) {
        if (value instanceof float[] vector) {
            return VectorText.format(vector);
        }
        if (value instanceof BigDecimal || value instanceof Double || value instanceof Float
                || TemporalValues.isTemporal(value)) {
            // plain digits; floats shortest-exact as Postgres (and so pgjdbc's getString) prints them
            // (4, 1e+20, not Java's 4.0, 1.0E20); dates as Postgres prints them
            return io.kyrodb.engine.types.Values.toText(value);
        }
        return value.toString();
    }

    static long toLong(Object value, String where) throws SQLException {
        return toIntegral(value, Long.MIN_VALUE, Long.MAX_VALUE, "bigint", where);
    }

    static int toInt(Object value, String where) throws SQLException {
        return (int) toIntegral(value, Integer.MIN_VALUE, Integer.MAX_VALUE, "integer", where);
    }

    static short toShort(Object value, String where) throws SQLException {
        return (short) toIntegral(value, Short.MIN_VALUE, Short.MAX_VALUE, "smallint", where);
    }

    static byte toByte(Object value, String where) throws SQLException {
        return (byte) toIntegral(value, Byte.MIN_VALUE, Byte.MAX_VALUE, "byte", where);
    }

    private static long toIntegral(Object value, long min, long max, String target, String where) throws SQLException {
        long result;
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            result = ((Number) value).longValue();
        } else if (value instanceof Double || value instanceof Float || value instanceof io.kyrodb.engine.types.NumericSpecial) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw outOfRange(value, target, where);
            }
            result = truncateToLong(new BigDecimal(d), value, target, where);
        } else if (value instanceof BigDecimal b) {
            result = truncateToLong(b, value, target, where);
        } else if (value instanceof Boolean b) {
            result = b ? 1 : 0;
        } else if (value instanceof String s) {
            result = parseIntegral(s, target, where);
        } else {
            throw cannotConvert(value, target, where);
        }
        if (result < min || result > max) {
            throw outOfRange(value, target, where);
        }
        return result;
    }

    private static long parseIntegral(String text, String target, String where) throws SQLException {
        String s = text.trim();
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException notAnInteger) {
            return truncateToLong(parseDecimal(text, target, where), text, target, where);
        }
    }

    private static long truncateToLong(BigDecimal d, Object original, String target, String where) throws SQLException {
        if (d.precision() - d.scale() > 19) {
            throw outOfRange(original, target, where);
        }
        BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
        if (whole.compareTo(LONG_MIN) < 0 || whole.compareTo(LONG_MAX) > 0) {
            throw outOfRange(original, target, where);
        }
        return whole.longValueExact();
    }

    static double toDouble(Object value, String where) throws SQLException {
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof String s) {
            return parseDouble(s, "double precision", where);
        }
        throw cannotConvert(value, "double precision", where);
    }

    static float toFloat(Object value, String where) throws SQLException {
        double d = value instanceof Float f ? f : toDouble(value, where);
        if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
            throw outOfRange(value, "real", where);
        }
        return (float) d;
    }

    private static double parseDouble(String text, String target, String where) throws SQLException {
        String s = text.trim();
        switch (s.toLowerCase(Locale.ROOT)) {
            case "nan" -> { return Double.NaN; }
            case "infinity", "+infinity", "inf", "+inf" -> { return Double.POSITIVE_INFINITY; }
            case "-infinity", "-inf" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        double d = parseDecimal(text, target, where).doubleValue();
        if (Double.isInfinite(d)) {
            throw outOfRange(text, target, where);
        }
        return d;
    }

    static BigDecimal toBigDecimal(Object value, String where) throws SQLException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Float || value instanceof Double) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw outOfRange(value, "numeric", where);
            }
            // Float's own shortest text, so 0.1f gives 0.1 and not 0.100000001490116...
            return new BigDecimal(value instanceof Float f ? Float.toString(f) : Double.toString(d));
        }
        if (value instanceof BigDecimal b) {
            return b;
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        if (value instanceof String s) {
            return parseDecimal(s, "numeric", where);
        }
        throw cannotConvert(value, "numeric", where);
    }

    /** Plain decimal text only: no hexadecimal and no Java suffixes such as {@code 1d}. */
    private static BigDecimal parseDecimal(String text, String target, String where) throws SQLException {
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            throw SqlExceptions.create(SqlExceptions.INVALID_TEXT,
                    "invalid input syntax for type " + target + ": \"" + text + "\"" + where);
        }
    }

    static boolean toBoolean(Object value, String where) throws SQLException {
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == 0) {
                return false;
            }
            if (d == 1) {
                return true;
            }
            throw SqlExceptions.create(SqlExceptions.INVALID_TEXT,
                    "cannot convert " + value + " to boolean (only 0 and 1 are)" + where);
        }
        if (value instanceof String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "on", "1" -> true;
                case "false", "f", "no", "n", "off", "0" -> false;
                default -> throw SqlExceptions.create(SqlExceptions.INVALID_TEXT,
                        "invalid input syntax for type boolean: \"" + s + "\"" + where);
            };
        }
        throw cannotConvert(value, "boolean", where);
    }

    /**
     * {@code getObject(column, type)}: the value as {@code type}, for the value classes and
     * {@link BigDecimal}, {@link BigInteger}, primitive wrappers and {@link Object}.
     */
    static <T> T toClass(Object value, Class<T> type, String where) throws SQLException {
        Object result;
        Object temporal = TemporalValues.isTemporal(value) ? TemporalValues.toClass(value, type) : null;
        if (temporal != null) {
            result = temporal;
        } else if (type == Object.class || type.isInstance(value) || (type == float[].class && value instanceof HalfVector)) {
            result = toObject(value);
        } else if (type == String.class) {
            result = toText(value);
        } else if (type == Long.class || type == long.class) {
            result = toLong(value, where);
        } else if (type == Integer.class || type == int.class) {
            result = toInt(value, where);
        } else if (type == Short.class || type == short.class) {
            result = toShort(value, where);
        } else if (type == Byte.class || type == byte.class) {
            result = toByte(value, where);
        } else if (type == Double.class || type == double.class) {
            result = toDouble(value, where);
        } else if (type == Float.class || type == float.class) {
            result = toFloat(value, where);
        } else if (type == Boolean.class || type == boolean.class) {
            result = toBoolean(value, where);
        } else if (type == BigDecimal.class) {
            result = toBigDecimal(value, where);
        } else if (type == BigInteger.class) {
            result = toBigDecimal(value, where).setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        } else {
            throw cannotConvert(value, type.getName(), where);
        }
        @SuppressWarnings("unchecked")
        T t = (T) result;
        return t;
    }

    static SQLException outOfRange(Object value, String target, String where) {
        return SqlExceptions.create(SqlExceptions.OUT_OF_RANGE,
                "value " + quoted(value) + " is out of range for type " + target + where);
    }

    static SQLException cannotConvert(Object value, String target, String where) {
        return SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION,
                "cannot convert a " + value.getClass().getSimpleName() + " value (" + quoted(value) + ") to " + target + where);
    }

    private static String quoted(Object value) {
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
