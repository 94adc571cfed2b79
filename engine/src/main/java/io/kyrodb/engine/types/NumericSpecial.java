package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.math.BigDecimal;

/**
 * The {@code numeric} values that are not numbers, as PostgreSQL 14+ has them: {@code NaN},
 * {@code Infinity} and {@code -Infinity} (a finite numeric stays a {@link BigDecimal}). NaN equals
 * itself and sorts above everything, {@code -Infinity < every number < Infinity < NaN}. There are
 * exactly three instances, so identity is equality.
 *
 * <p>A {@link Number} whose {@link #doubleValue()} is the float's NaN or infinity, so casts to
 * float8 and comparisons with floats need nothing more.
 */
public final class NumericSpecial extends Number {
    private static final long serialVersionUID = 1L;

    public static final NumericSpecial NAN = new NumericSpecial(Double.NaN, "NaN", 3);
    public static final NumericSpecial POSITIVE_INFINITY = new NumericSpecial(Double.POSITIVE_INFINITY, "Infinity", 2);
    public static final NumericSpecial NEGATIVE_INFINITY = new NumericSpecial(Double.NEGATIVE_INFINITY, "-Infinity", 0);

    private final double value;
    private final String text;
    /** 0 below every number, 2 above, 3 above that (a finite number ranks 1). */
    private final int rank;

    private NumericSpecial(double value, String text, int rank) {
        this.value = value;
        this.text = text;
        this.rank = rank;
    }

    /** The special value a float's NaN or infinity becomes, or null for a finite float. */
    public static NumericSpecial ofDouble(double d) {
        return Double.isNaN(d) ? NAN : d == Double.POSITIVE_INFINITY ? POSITIVE_INFINITY
                : d == Double.NEGATIVE_INFINITY ? NEGATIVE_INFINITY : null;
    }

    /** PostgreSQL's spellings, in any case: {@code NaN}, {@code [+-]Infinity}, {@code [+-]inf}; else null. */
    public static NumericSpecial parse(String t) {
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "nan" -> NAN;
            case "infinity", "+infinity", "inf", "+inf" -> POSITIVE_INFINITY;
            case "-infinity", "-inf" -> NEGATIVE_INFINITY;
            default -> null;
        };
    }

    /** The order of two numeric values, either of them special (the other a BigDecimal or integer). */
    public static int compare(Object a, Object b) {
        int x = a instanceof NumericSpecial s ? s.rank : 1;
        int y = b instanceof NumericSpecial s ? s.rank : 1;
        return Integer.compare(x, y);   // two finite numbers never come here
    }

    public boolean isNaN() {
        return this == NAN;
    }

    /** 1 for Infinity, -1 for -Infinity, 0 for NaN. */
    public int signum() {
        return this == POSITIVE_INFINITY ? 1 : this == NEGATIVE_INFINITY ? -1 : 0;
    }

    public NumericSpecial negate() {
        return this == NAN ? NAN : this == POSITIVE_INFINITY ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
    }

    private static NumericSpecial infinity(int sign) {
        return sign > 0 ? POSITIVE_INFINITY : NEGATIVE_INFINITY;
    }

    private static int sign(Object v) {
        return v instanceof NumericSpecial s ? s.signum() : ((BigDecimal) v).signum();
    }

    /** {@code x + y} where one is special. */
    public static Object add(Object x, Object y) {
        if (x == NAN || y == NAN) {
            return NAN;
        }
        if (x instanceof NumericSpecial a && y instanceof NumericSpecial b) {
            return a == b ? a : NAN;   // Infinity + -Infinity
        }
        return x instanceof NumericSpecial ? x : y;
    }

    /** {@code x - y} where one is special. */
    public static Object subtract(Object x, Object y) {
        return add(x, y instanceof NumericSpecial s ? s.negate() : ((BigDecimal) y).negate());
    }

    /** {@code x * y} where one is special: an infinity times zero is NaN. */
    public static Object multiply(Object x, Object y) {
        if (x == NAN || y == NAN) {
            return NAN;
        }
        int sign = sign(x) * sign(y);
        return sign == 0 ? NAN : infinity(sign);
    }

    /** {@code x / y} where one is special: 22012 for a zero divisor, as for finite numbers. */
    public static Object divide(Object x, Object y) {
        if (x == NAN || y == NAN) {
            return NAN;
        }
        if (!(y instanceof NumericSpecial) && ((BigDecimal) y).signum() == 0) {
            throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        if (y instanceof NumericSpecial) {
            return x instanceof NumericSpecial ? NAN : BigDecimal.ZERO;   // Infinity / Infinity is NaN
        }
        return infinity(sign(x) * (((BigDecimal) y).signum()));
    }

    /** {@code x % y} where one is special: NaN for an infinite dividend, x for an infinite divisor. */
    public static Object modulo(Object x, Object y) {
        if (x == NAN || y == NAN) {
            return NAN;
        }
        if (!(y instanceof NumericSpecial) && ((BigDecimal) y).signum() == 0) {
            throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        return x instanceof NumericSpecial ? NAN : x;
    }

    /** A special value cast to an integer type: PostgreSQL's words and its SQLSTATE (0A000). */
    public KyroException cannotConvertTo(String type) {
        return new KyroException(SqlState.FEATURE_NOT_SUPPORTED,
                "cannot convert " + (this == NAN ? "NaN" : "infinity") + " to " + type);
    }

    @Override
    public double doubleValue() {
        return value;
    }

    @Override
    public float floatValue() {
        return (float) value;
    }

    @Override
    public long longValue() {
        throw cannotConvertTo("bigint");
    }

    @Override
    public int intValue() {
        throw cannotConvertTo("integer");
    }

    @Override
    public String toString() {
        return text;
    }
}
