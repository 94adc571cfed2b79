package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.NumericSpecial;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.Values;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * PostgreSQL functions bound by {@code binder.SqlStandardFunctions}: {@code similar_to_escape}
 * (what {@code SIMILAR TO} compiles to), {@code gcd}, {@code lcm}, {@code factorial} and {@code
 * width_bucket}. Integer arguments arrive as the result type; all are strict.
 */
public enum ExtraFunction implements Builtin {
    SIMILAR_TO_ESCAPE, GCD, LCM, FACTORIAL, WIDTH_BUCKET,
    /** {@code overlay(s PLACING r FROM n [FOR m])}: s with m characters from n replaced by r (m defaults to r's length). */
    OVERLAY,
    /** {@code substring(s FROM regex)}: the first match, or its first parenthesized part. */
    REGEX_SUBSTRING,
    /** {@code substring(s SIMILAR pattern ESCAPE e)}: the part between the two escape-double-quotes. */
    SIMILAR_SUBSTRING,
    /** {@code div(a, b)}: the integer quotient (truncated toward zero) of two numerics; 22012 for zero. */
    DIV,
    /** {@code scale(n)}, {@code min_scale(n)} (fewest digits after the point that keep the value), {@code trim_scale(n)}. */
    SCALE, MIN_SCALE, TRIM_SCALE,
    /** {@code num_nulls(...)} / {@code num_nonnulls(...)}: how many arguments are (not) NULL; the only non-strict ones here. */
    NUM_NULLS, NUM_NONNULLS,
    /**
     * A {@code character(n)} value as its output function writes it, padded with spaces to n (the
     * second argument): what concat, format and LIKE see in PostgreSQL (see SqlType.bpchar).
     */
    BPCHAR_PADDED,
    /**
     * A FROM item's whole row (the first argument) on an outer join's null-extended side: NULL when
     * every other argument (its markers: a NOT NULL column, else all its columns) is NULL.
     */
    ROW_UNLESS_NULL_EXTENDED,
    /** {@code (f(...)).field}: field n (the second argument, 0-based) of a record value; NULL for a NULL record. */
    RECORD_FIELD;

    @Override
    public boolean strict() {
        return this != NUM_NULLS && this != NUM_NONNULLS && this != ROW_UNLESS_NULL_EXTENDED;
    }

    @Override
    public Object apply(Object[] a, SqlType type) {
        if (type.kind() == TypeKind.NUMERIC || this == SCALE || this == MIN_SCALE) {
            switch (this) {
                case GCD, LCM, DIV, SCALE, MIN_SCALE, TRIM_SCALE -> {
                    if (NumericSpecialFunctions.any(a)) {
                        return NumericSpecialFunctions.extra(this, a);
                    }
                }
                default -> { }
            }
        }
        return switch (this) {
            case SIMILAR_TO_ESCAPE -> similarToRegex((String) a[0], a.length > 1 ? (String) a[1] : "\\");
            case GCD, LCM -> type.kind() == TypeKind.NUMERIC ? decimalGcdLcm((BigDecimal) a[0], (BigDecimal) a[1])
                    : integerGcdLcm(((Number) a[0]).longValue(), ((Number) a[1]).longValue(), type);
            case FACTORIAL -> factorial(((Number) a[0]).longValue());
            case WIDTH_BUCKET -> widthBucket(a[0], a[1], a[2], ((Number) a[3]).intValue());
            case OVERLAY -> overlay((String) a[0], (String) a[1], ((Number) a[2]).longValue(),
                    a.length > 3 ? ((Number) a[3]).longValue() : ((String) a[1]).codePointCount(0, ((String) a[1]).length()));
            case REGEX_SUBSTRING -> firstMatch((String) a[0], StringFunctions.regex((String) a[1], 0));
            case DIV -> {
                BigDecimal divisor = (BigDecimal) a[1];
                if (divisor.signum() == 0) {
                    throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
                }
                yield ((BigDecimal) a[0]).divideToIntegralValue(divisor).setScale(0, java.math.RoundingMode.DOWN);
            }
            case SCALE -> Math.max(0, ((BigDecimal) a[0]).scale());
            case MIN_SCALE -> Math.max(0, trimmed((BigDecimal) a[0]).scale());
            case TRIM_SCALE -> trimmed((BigDecimal) a[0]);
            case NUM_NULLS, NUM_NONNULLS -> {
                int nulls = 0;
                for (Object v : a) {
                    nulls += v == null ? 1 : 0;
                }
                yield this == NUM_NULLS ? nulls : a.length - nulls;
            }
            case ROW_UNLESS_NULL_EXTENDED -> {
                for (int i = 1; i < a.length; i++) {
                    if (a[i] != null) {
                        yield a[0];
                    }
                }
                yield null;
            }
            case RECORD_FIELD -> ((io.kyrodb.engine.types.SqlRecord) a[0]).get(((Number) a[1]).intValue());
            case BPCHAR_PADDED -> SqlType.bpchar(((Number) a[1]).intValue()).padded((String) a[0]);
            case SIMILAR_SUBSTRING -> firstMatch((String) a[0],
                    StringFunctions.regex(similarToRegex((String) a[1], (String) a[2], true), java.util.regex.Pattern.DOTALL));
        };
    }

    /** {@code e} as text; a {@code character(n)} value padded to n, as PostgreSQL's output function writes it. */
    public static BoundExpr padded(BoundExpr e) {
        if (!e.type().blankPadded() || e.type().charLength() == 0) {
            return e;
        }
        return new BuiltinExpr(BPCHAR_PADDED, List.of(e, new ConstExpr(e.type().charLength(), SqlType.INTEGER)),
                SqlType.TEXT);
    }

    /** The value with trailing fractional zeros dropped (never below scale 0). */
    private static BigDecimal trimmed(BigDecimal d) {
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal t = d.stripTrailingZeros();
        return t.scale() < 0 ? t.setScale(0) : t;
    }

    /**
     * A SQL regular expression ({@code SIMILAR TO}) as an anchored regular expression, as
     * PostgreSQL's similar_to_escape writes it: {@code %} is {@code .*}, {@code _} is {@code .},
     * groups do not capture, {@code . ^ $} are literal, the escape character makes the next one literal.
     * An empty escape means none; one longer than a character is 22025.
     */
    static String similarToRegex(String pattern, String escape) {
        return similarToRegex(pattern, escape, false);
    }

    /**
     * With {@code parts}, the escape followed by a double quote separates up to three parts, as in
     * PostgreSQL: the first is matched as little as possible, the second is captured.
     */
    private static String similarToRegex(String pattern, String escape, boolean parts) {
        if (escape.codePointCount(0, escape.length()) > 1) {
            throw new KyroException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string");
        }
        int esc = escape.isEmpty() ? -1 : escape.codePointAt(0);
        StringBuilder r = new StringBuilder("^(?:");
        boolean afterEscape = false;
        int quotes = 0;
        int bracket = 0;   // > 0 inside [...]: characters since the '['
        for (int i = 0; i < pattern.length(); ) {
            int c = pattern.codePointAt(i);
            i += Character.charCount(c);
            if (afterEscape && c == '"' && parts) {
                if (quotes == 0) {
                    r.append(")(");
                } else if (quotes == 1) {
                    r.append(")(?:");
                } else {
                    throw new KyroException(SqlState.INVALID_USE_OF_ESCAPE_CHARACTER,
                            "SQL regular expression may not contain more than two escape-double-quote separators");
                }
                quotes++;
                afterEscape = false;
            } else if (afterEscape) {
                r.append('\\').appendCodePoint(c);
                afterEscape = false;
            } else if (c == esc) {
                afterEscape = true;
            } else if (bracket > 0) {
                if (c == ']' && bracket > 1 && !(bracket == 2 && r.charAt(r.length() - 1) == '^')) {
                    bracket = 0;
                } else {
                    bracket++;
                }
                if (c == '[' || c == '&' || c == '\\') {
                    r.append('\\');   // literal inside a class for Java's regular expressions
                }
                r.appendCodePoint(c);
            } else if (c == '[') {
                bracket = 1;
                r.append('[');
            } else if (c == '%') {
                r.append(parts && quotes == 0 ? ".*?" : ".*");
            } else if (c == '_') {
                r.append('.');
            } else if (c == '(') {
                r.append("(?:");
            } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
                r.append('\\').appendCodePoint(c);
            } else {
                r.appendCodePoint(c);
            }
        }
        if (afterEscape) {
            throw new KyroException(SqlState.INVALID_ESCAPE_SEQUENCE, "invalid escape string");
        }
        if (parts && quotes == 1) {
            throw new KyroException(SqlState.INVALID_USE_OF_ESCAPE_CHARACTER,
                    "SQL regular expression may not contain more than two escape-double-quote separators");
        }
        return r.append(")$").toString();
    }

    private static String overlay(String s, String r, long from, long count) {
        if (from <= 0) {
            throw new KyroException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        int length = s.codePointCount(0, s.length());
        long prefix = Math.min(from - 1, length);
        long suffixFrom = Math.max(Math.min(from - 1 + count, length), 0);
        return s.substring(0, s.offsetByCodePoints(0, (int) prefix)) + r
                + s.substring(s.offsetByCodePoints(0, (int) suffixFrom));
    }

    /** The first match's first group when the pattern has one, else the whole match; null without a match. */
    private static String firstMatch(String s, java.util.regex.Pattern p) {
        java.util.regex.Matcher m = p.matcher(s);
        if (!m.find()) {
            return null;
        }
        return m.groupCount() > 0 ? m.group(1) : m.group();
    }

    private Object integerGcdLcm(long x, long y, SqlType type) {
        BigInteger a = BigInteger.valueOf(x);
        BigInteger b = BigInteger.valueOf(y);
        BigInteger r;
        if (this == GCD) {
            r = a.gcd(b);
        } else {
            r = x == 0 || y == 0 ? BigInteger.ZERO : a.divide(a.gcd(b)).multiply(b).abs();
        }
        return narrow(r, type);
    }

    private Object decimalGcdLcm(BigDecimal x, BigDecimal y) {
        int scale = Math.max(x.scale(), y.scale());
        BigInteger a = x.setScale(scale).unscaledValue();
        BigInteger b = y.setScale(scale).unscaledValue();
        BigInteger r;
        if (this == GCD) {
            r = a.gcd(b);
        } else {
            r = a.signum() == 0 || b.signum() == 0 ? BigInteger.ZERO : a.divide(a.gcd(b)).multiply(b).abs();
        }
        return new BigDecimal(r, scale);
    }

    private static Object narrow(BigInteger r, SqlType type) {
        long max = type.kind() == TypeKind.BIGINT ? Long.MAX_VALUE : Integer.MAX_VALUE;
        if (r.bitLength() > 63 || r.longValue() > max) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                    (type.kind() == TypeKind.BIGINT ? "bigint" : "integer") + " out of range");
        }
        return Values.narrow(r.longValue(), type);
    }

    private static BigDecimal factorial(long n) {
        if (n < 0) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "factorial of a negative number is undefined");
        }
        if (n > 32177) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        BigInteger r = BigInteger.ONE;
        for (long i = 2; i <= n; i++) {
            r = r.multiply(BigInteger.valueOf(i));
        }
        return new BigDecimal(r);
    }

    /** The bucket (1..count, 0 below, count+1 at or above the upper bound) of {@code x} in equal-width buckets. */
    private static int widthBucket(Object x, Object low, Object high, int count) {
        if (count <= 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET, "count must be greater than zero");
        }
        if (isNaN(x) || isNaN(low) || isNaN(high)) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET,
                    "operand, lower bound, and upper bound cannot be NaN");
        }
        if (isInfinite(low) || isInfinite(high)) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET, "lower and upper bounds must be finite");
        }
        if (x instanceof Double || x instanceof Float) {   // double precision (an infinite operand too)
            return widthBucket(((Number) x).doubleValue(), ((Number) low).doubleValue(), ((Number) high).doubleValue(),
                    count);
        }
        BigDecimal lo = decimal(low);
        BigDecimal hi = decimal(high);
        int cmp = lo.compareTo(hi);
        if (cmp == 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET, "lower bound cannot equal upper bound");
        }
        if (isInfinite(x)) {   // numeric 'Infinity' or '-Infinity': below or above every bucket
            return (((Number) x).doubleValue() > 0) == (cmp < 0) ? afterLast(count) : 0;
        }
        BigDecimal v = decimal(x);
        BigDecimal n = BigDecimal.valueOf(count);
        if (cmp < 0) {
            if (v.compareTo(lo) < 0) {
                return 0;
            }
            if (v.compareTo(hi) >= 0) {
                return afterLast(count);
            }
            return v.subtract(lo).multiply(n).divide(hi.subtract(lo), 0, java.math.RoundingMode.FLOOR).intValue() + 1;
        }
        if (v.compareTo(lo) > 0) {
            return 0;
        }
        if (v.compareTo(hi) <= 0) {
            return afterLast(count);
        }
        return lo.subtract(v).multiply(n).divide(lo.subtract(hi), 0, java.math.RoundingMode.FLOOR).intValue() + 1;
    }

    /** width_bucket on double precision, as PostgreSQL computes it (the quotient in floating point). */
    private static int widthBucket(double x, double lo, double hi, int count) {
        if (lo == hi) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_WIDTH_BUCKET, "lower bound cannot equal upper bound");
        }
        boolean up = lo < hi;
        if (up ? x < lo : x > lo) {
            return 0;
        }
        if (up ? x >= hi : x <= hi) {
            return afterLast(count);
        }
        double q = up ? (x - lo) / (hi - lo) : (lo - x) / (lo - hi);
        if (Double.isInfinite(up ? hi - lo : lo - hi)) {
            q = up ? (x / 2 - lo / 2) / (hi / 2 - lo / 2) : (lo / 2 - x / 2) / (lo / 2 - hi / 2);
        }
        int result = (int) (count * q);
        return Math.min(result, count - 1) + 1;
    }

    /** The bucket past the last, count + 1, which must fit an integer (22003 as PostgreSQL). */
    private static int afterLast(int count) {
        if (count == Integer.MAX_VALUE) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
        }
        return count + 1;
    }

    /** NaN by the value's own type (a numeric's NaN is NumericSpecial; a BigDecimal never is). */
    private static boolean isNaN(Object v) {
        return v instanceof Double d ? d.isNaN() : v instanceof Float f ? f.isNaN()
                : v instanceof NumericSpecial s && s.isNaN();
    }

    /** Infinite by the value's own type: a BigDecimal past the double range is finite. */
    private static boolean isInfinite(Object v) {
        return v instanceof Double d ? d.isInfinite() : v instanceof Float f ? f.isInfinite()
                : v instanceof NumericSpecial s && !s.isNaN();
    }

    /** A finite numeric or double bound or operand as a BigDecimal (NaN and infinities were turned away). */
    private static BigDecimal decimal(Object v) {
        return v instanceof BigDecimal d ? d : new BigDecimal(((Number) v).doubleValue());
    }
}
