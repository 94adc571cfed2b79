package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.vector.VectorText;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Conversions between values and their text form, the way Postgres does them. A value of type
 * {@code t} is always an instance of {@code t.kind().javaClass()}, or null for SQL NULL.
 */
public final class Values {
    private Values() {
    }

    // ---- Text form ------------------------------------------------------------------------------

    /** The value as Postgres prints it: {@code true}/{@code false}, shortest exact floats ({@code 1e+20}). */
    public static String toText(Object v) {
        return switch (v) {
            case null -> null;
            case String s -> s;
            case Boolean b -> b ? "true" : "false";
            case Double d -> floatText(d, 15, Double.toString(d));
            case Float f -> floatText(f, 6, Float.toString(f));
            case float[] vector -> VectorText.format(vector);
            case BigDecimal d -> d.toPlainString();
            case java.time.LocalDate d -> DateTimeText.formatDate(d);
            case java.time.LocalTime t -> DateTimeText.formatTime(t);
            case java.time.OffsetTime t -> TimeTz.format(t);
            case java.time.LocalDateTime t -> DateTimeText.formatTimestamp(t);
            case java.time.Instant i -> DateTimeText.formatTimestamptz(i);
            case Interval i -> DateTimeText.formatInterval(i);
            default -> v.toString();   // UUID, Bytes, Jsonb, SqlArray and HalfVector print their Postgres text form
        };
    }

    private static String floatText(double d, int maxDigitsBeforeExponent, String javaText) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(javaText).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent < -4 || exponent >= maxDigitsBeforeExponent) {
            String digits = exact.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = exact.signum() < 0 ? "-" : "";
            String exp = String.format(Locale.ROOT, "%s%02d", exponent < 0 ? "-" : "+", Math.abs(exponent));
            return sign + mantissa + "e" + exp;
        }
        return exact.toPlainString();
    }

    // ---- Parsing text into a type ------------------------------------------------------------

    /** Parses the text form of a {@code target} value (22P02 when it is not one, 22003 out of range). */
    public static Object parse(String text, SqlType target) {
        String t = text.strip();
        return switch (target.kind()) {
            case SMALLINT -> narrow(parseInteger(t, target), target);
            case INTEGER -> narrow(parseInteger(t, target), target);
            case BIGINT -> narrow(parseInteger(t, target), target);
            case DOUBLE -> parseDouble(t, target);
            case REAL -> {
                double d = parseDouble(t, target);
                float f = (float) d;
                if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                    throw outOfRange(target, text);
                }
                yield f;
            }
            case BOOLEAN -> parseBoolean(t, text);
            case TEXT, UNKNOWN -> text;
            case VARCHAR -> checkLength(text, target, true);
            case VECTOR -> VectorText.parse(text, target.length() > 0 ? target.length() : -1);
            case HALFVEC -> VectorText.parseHalf(text, target.length() > 0 ? target.length() : -1);
            case SPARSEVEC -> io.kyrodb.engine.vector.SparseVectorText.parse(text, target.length() > 0 ? target.length() : -1);
            case BIT -> BitString.parse(text, target);
            case NUMERIC -> Numerics.parse(t, target);
            case DATE -> DateTimeText.parseDate(t);
            case TIME -> DateTimes.fitTime(DateTimeText.parseTime(t), target);
            case TIMETZ -> TimeTz.fit(TimeTz.parse(t), target);
            case TIMESTAMP -> DateTimes.fit(DateTimeText.parseTimestamp(t), target);
            case TIMESTAMPTZ -> DateTimes.fit(DateTimeText.parseTimestamptz(t), target);
            case INTERVAL -> IntervalText.parse(t, target.length());
            case UUID -> UuidText.parse(text);
            case BYTEA -> Bytes.parse(text);
            case JSONB -> Jsonb.parse(text);
            case JSONPATH -> io.kyrodb.engine.types.jsonpath.JsonPath.parse(text);
            case TSVECTOR -> TsVector.parse(text);
            case TSQUERY -> TsQuery.parse(text);
            case JSON -> {
                Jsonb.parse(text);   // json keeps its text as written, once it is valid
                yield text;
            }
            case ARRAY -> ArrayText.parse(text, target);
            case INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> Range.parse(text, target.kind());
            case REGCLASS, REGTYPE, REGPROC, REGNAMESPACE -> {   // a name needs the catalog: the binder resolves those
                BigInteger oid = parseInteger(t, SqlType.BIGINT);
                yield new RegClass(oid.longValue(), oid.toString(), null);
            }
            case RECORD -> throw new KyroException(SqlState.CANNOT_COERCE,
                    "input of anonymous composite types is not implemented: " + abbreviate(text));
            case ENUM -> {   // labels are matched exactly, blanks and case included
                if (target.enumType() == null) {
                    throw new IllegalStateException("enum type " + target.length() + " is not resolved");
                }
                yield target.enumType().parse(text);
            }
            case DOMAIN -> throw new IllegalStateException("domain type " + target.length() + " is not resolved");
        };
    }

    private static BigInteger parseInteger(String t, SqlType target) {
        if (t.isEmpty() || !t.matches("[+-]?[0-9]+")) {
            throw invalidText(target, t);
        }
        return new BigInteger(t.startsWith("+") ? t.substring(1) : t);
    }

    private static double parseDouble(String t, SqlType target) {
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan" -> { return Double.NaN; }
            case "infinity", "+infinity", "inf", "+inf" -> { return Double.POSITIVE_INFINITY; }
            case "-infinity", "-inf" -> { return Double.NEGATIVE_INFINITY; }
            default -> { }
        }
        if (!t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            throw invalidText(target, t);
        }
        double d = Double.parseDouble(t);
        if (Double.isInfinite(d)) {
            throw outOfRange(target, t);
        }
        return d;
    }

    private static Boolean parseBoolean(String t, String original) {
        String s = t.toLowerCase(Locale.ROOT);
        if (!s.isEmpty()) {
            if ("true".startsWith(s) || (s.length() >= 2 && "on".equals(s)) || "yes".startsWith(s) || s.equals("1")) {
                return Boolean.TRUE;
            }
            if ("false".startsWith(s) || (s.length() >= 2 && "off".startsWith(s)) || "no".startsWith(s)
                    || s.equals("0")) {
                return Boolean.FALSE;
            }
        }
        throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type boolean: \"" + original + "\"");
    }

    // ---- Numeric conversions -------------------------------------------------------------------

    /** Converts an integral value to {@code target}'s integer class, with 22003 when it does not fit. */
    public static Object narrow(BigInteger v, SqlType target) {
        if (v.bitLength() > 63) {
            throw outOfRange(target, v.toString());
        }
        return narrow(v.longValue(), target);
    }

    public static Object narrow(long v, SqlType target) {
        return switch (target.kind()) {
            case SMALLINT -> {
                if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
                    throw outOfRange(target, Long.toString(v));
                }
                yield (short) v;
            }
            case INTEGER -> {
                if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                    throw outOfRange(target, Long.toString(v));
                }
                yield (int) v;
            }
            case BIGINT -> v;
            case REAL -> (float) v;
            case DOUBLE -> (double) v;
            default -> throw new IllegalArgumentException("not numeric: " + target);
        };
    }

    /** Float to integer as Postgres does it: round half to even, 22003 when out of range or not finite. */
    public static Object roundToInteger(double d, SqlType target) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw outOfRange(target, toText(d));
        }
        double r = Math.rint(d);
        if (r < -9.223372036854775808E18 || r >= 9.223372036854775808E18) {
            throw outOfRange(target, toText(d));
        }
        return narrow((long) r, target);
    }

    /**
     * {@code s} as a value of {@code target}: within a varchar(n) or character(n)'s length (an
     * explicit cast cuts it, an assignment fails with 22001 unless only spaces are past n, which
     * are cut, as in PostgreSQL); a character(n) value without its trailing spaces (see
     * {@link SqlType#bpchar}).
     */
    public static String checkLength(String s, SqlType target, boolean explicitCastTruncates) {
        if (target.blankPadded()) {
            s = stripTrailingSpaces(s);
        }
        int limit = target.charLength();
        if (target.kind() == TypeKind.VARCHAR && limit > 0 && s.codePointCount(0, s.length()) > limit) {
            String cut = s.substring(0, s.offsetByCodePoints(0, limit));
            if (explicitCastTruncates || s.substring(cut.length()).chars().allMatch(c -> c == ' ')) {
                return target.blankPadded() ? stripTrailingSpaces(cut) : cut;
            }
            throw new KyroException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                    "value too long for type " + target.displayName() + ": '" + abbreviate(s) + "' has "
                            + s.codePointCount(0, s.length()) + " characters");
        }
        return s;
    }

    private static String stripTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    public static KyroException outOfRange(SqlType target, String value) {
        String name = switch (target.kind()) {
            case SMALLINT -> "smallint";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            default -> target.displayName();
        };
        return new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                name + " out of range: " + abbreviate(value) + rangeOf(target));
    }

    private static String rangeOf(SqlType target) {
        return switch (target.kind()) {
            case SMALLINT -> " (limits " + Short.MIN_VALUE + " to " + Short.MAX_VALUE + ")";
            case INTEGER -> " (limits " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE + ")";
            case BIGINT -> " (limits " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")";
            default -> "";
        };
    }

    public static KyroException invalidText(SqlType target, String text) {
        return new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type " + target.displayName() + ": \"" + abbreviate(text) + "\"");
    }

    public static String abbreviate(String s) {
        return s.length() <= 100 ? s : s.substring(0, 97) + "...";
    }

    // ---- Comparison ------------------------------------------------------------------------------

    /**
     * Compares two non-null values of comparable types: numbers by value (integers exactly, floats
     * with NaN above everything as in Postgres), text by Unicode code point, false before true.
     */
    public static int compare(Object a, Object b) {
        // The commonest case first: both the same integer type.
        if (a instanceof Integer x && b instanceof Integer y) {
            return Integer.compare(x, y);
        }
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof float[] x && b instanceof float[] y) {
            return compareVectors(x, y);
        }
        if (a instanceof io.kyrodb.engine.vector.HalfVector x && b instanceof io.kyrodb.engine.vector.HalfVector y) {
            return compareVectors(x.toFloats(), y.toFloats());
        }
        if (a instanceof io.kyrodb.engine.vector.SparseVector x && b instanceof io.kyrodb.engine.vector.SparseVector y) {
            return io.kyrodb.engine.vector.SparseVector.compare(x, y);
        }
        if (a instanceof BitString x && b instanceof BitString y) {
            return x.compareTo(y);
        }
        if (a instanceof String x && b instanceof String y) {
            return compareCodePoints(x, y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        switch (a) {
            case java.util.UUID x -> { return UuidText.compare(x, (java.util.UUID) b); }
            case Bytes x -> { return x.compareTo((Bytes) b); }
            case Jsonb x -> { return x.compareTo((Jsonb) b); }
            case SqlArray x -> { return x.compareTo((SqlArray) b); }
            case java.time.OffsetTime x -> { return TimeTz.compare(x, (java.time.OffsetTime) b); }
            case RegClass x -> { return x.compareTo((RegClass) b); }
            case EnumValue x -> { return x.compareTo((EnumValue) b); }
            case SqlRecord x -> { return x.compareTo((SqlRecord) b); }
            case Range x -> { return x.compareTo((Range) b); }
            default -> { }
        }
        if (!(a instanceof Number) || !(b instanceof Number)) {
            return DateTimes.compare(a, b);
        }
        if (a instanceof NumericSpecial || b instanceof NumericSpecial) {
            return a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float
                    ? compareDecimal((Number) a, (Number) b) : NumericSpecial.compare(a, b);
        }
        if (a instanceof BigDecimal || b instanceof BigDecimal) {
            return compareDecimal((Number) a, (Number) b);
        }
        Number x = (Number) a;
        Number y = (Number) b;
        if (isIntegral(x) && isIntegral(y)) {
            return Long.compare(x.longValue(), y.longValue());
        }
        if (isIntegral(x) && !isIntegral(y)) {
            return -compareDoubleToLong(y.doubleValue(), x.longValue());
        }
        if (!isIntegral(x) && isIntegral(y)) {
            return compareDoubleToLong(x.doubleValue(), y.longValue());
        }
        return Double.compare(x.doubleValue() == 0 ? 0.0 : x.doubleValue(), y.doubleValue() == 0 ? 0.0 : y.doubleValue());
    }

    /** numeric against numeric or an integer by value (1.0 = 1.00); against a float as double precision. */
    private static int compareDecimal(Number a, Number b) {
        if (a instanceof Double || a instanceof Float || b instanceof Double || b instanceof Float) {
            return Double.compare(a.doubleValue() == 0 ? 0.0 : a.doubleValue(), b.doubleValue() == 0 ? 0.0 : b.doubleValue());
        }
        BigDecimal x = a instanceof BigDecimal d ? d : BigDecimal.valueOf(a.longValue());
        BigDecimal y = b instanceof BigDecimal d ? d : BigDecimal.valueOf(b.longValue());
        return x.compareTo(y);
    }

    /** pgvector's btree order: element by element over the shorter length, then the shorter first. */
    public static int compareVectors(float[] a, float[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] < b[i]) {
                return -1;
            }
            if (a[i] > b[i]) {
                return 1;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int compareDoubleToLong(double d, long l) {
        if (Double.isNaN(d)) {
            return 1;
        }
        if (d < -9.223372036854775808E18) {
            return -1;
        }
        if (d >= 9.223372036854775808E18) {
            return 1;
        }
        long whole = (long) d;
        int c = Long.compare(whole, l);
        if (c != 0) {
            return c;
        }
        double frac = d - whole;
        return frac > 0 ? 1 : frac < 0 ? -1 : 0;
    }

    public static boolean isIntegral(Object n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short;
    }

    /** Code point order ("C" collation); differs from String.compareTo for characters above U+FFFF. */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                boolean xs = Character.isSurrogate(x);
                boolean ys = Character.isSurrogate(y);
                if (xs == ys) {
                    return x - y;
                }
                return xs ? 1 : -1;
            }
        }
        return a.length() - b.length();
    }

    /** Equality for grouping and keys: the same as {@code compare(a, b) == 0}, NULLs equal to each other. */
    public static boolean sameValue(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.equals(y);   // equal code points: equal strings
        }
        return compare(a, b) == 0;
    }
}
