package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Postgres's {@code numeric} on {@link BigDecimal}: typmod rounding (half away from zero) and its
 * overflow error, the result scales Postgres chooses for division, sqrt and power (so that
 * {@code 1::numeric/3} prints {@code 0.33333333333333333333}), and the text form. A numeric value
 * never has a negative scale: {@code 1e3} is {@code 1000}, as Postgres prints it.
 */
public final class Numerics {
    /** Postgres's NUMERIC_MAX_PRECISION; also the largest display scale. */
    public static final int MAX_PRECISION = 1000;
    /** Postgres's NUMERIC_MIN_SIG_DIGITS: the significant digits a division at least keeps. */
    private static final int MIN_SIG_DIGITS = 16;

    private Numerics() {
    }

    /**
     * Parses numeric text ({@code 1.50}, {@code -3}, {@code 1e3}, {@code .5}, {@code NaN},
     * {@code -Infinity}); 22P02 when it is not a number.
     */
    public static Number parse(String text, SqlType target) {
        String t = text.strip();
        NumericSpecial special = NumericSpecial.parse(t);
        if (special != null) {
            return fit(special, target);
        }
        if (!t.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
            throw Values.invalidText(SqlType.NUMERIC, t);
        }
        BigDecimal d;
        try {
            d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException | ArithmeticException e) {
            throw Values.invalidText(SqlType.NUMERIC, t);
        }
        return fit(normalize(d), target);
    }

    /** A scale of at least 0 ({@code 1E+3} becomes {@code 1000}). */
    public static BigDecimal normalize(BigDecimal d) {
        return d.scale() < 0 ? d.setScale(0, RoundingMode.UNNECESSARY) : d;
    }

    /**
     * Rounds {@code d} to the scale of {@code target}'s typmod (half away from zero) and checks its
     * precision: 22003 "numeric field overflow" as in Postgres. Without a typmod, {@code d} as is.
     */
    public static BigDecimal fit(BigDecimal d, SqlType target) {
        d = normalize(d);
        if (!target.hasTypmod()) {
            return d;
        }
        int p = target.numericPrecision();
        int s = target.scale();
        BigDecimal r = d.setScale(s, RoundingMode.HALF_UP);
        int integerDigits = r.signum() == 0 ? 0 : r.precision() - r.scale();
        if (integerDigits > p - s) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow: "
                    + Values.abbreviate(d.toPlainString()) + " does not fit numeric(" + p + "," + s
                    + "): a field with precision " + p + ", scale " + s
                    + " must round to an absolute value less than " + (p == s ? "1" : "10^" + (p - s)));
        }
        return r;
    }

    /**
     * NaN fits every numeric type; an infinity only one without a typmod (22003, as PostgreSQL:
     * a field with a precision cannot hold an infinite value).
     */
    public static NumericSpecial fit(NumericSpecial v, SqlType target) {
        if (target.hasTypmod() && !v.isNaN()) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "numeric field overflow: a field with precision "
                    + target.numericPrecision() + ", scale " + target.scale() + " cannot hold an infinite value");
        }
        return v;
    }

    /** From an integer or float value (a float's NaN and infinities become numeric's). */
    public static Number of(Number n, SqlType target) {
        if ((n instanceof Double || n instanceof Float) && NumericSpecial.ofDouble(n.doubleValue()) != null) {
            return fit(NumericSpecial.ofDouble(n.doubleValue()), target);
        }
        if (n instanceof NumericSpecial s) {
            return fit(s, target);
        }
        BigDecimal d = switch (n) {
            case BigDecimal b -> b;
            case Double x -> fromDouble(x);
            case Float x -> fromDouble(Double.parseDouble(Float.toString(x)));
            default -> BigDecimal.valueOf(n.longValue());
        };
        return fit(d, target);
    }

    private static BigDecimal fromDouble(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "cannot convert " + Values.toText(x)
                    + " to numeric");
        }
        // Postgres converts through the float's shortest text (15 significant digits for float8).
        BigDecimal exact = new BigDecimal(Values.toText(x).replace("e+", "e"));
        return normalize(exact.round(new MathContext(15, RoundingMode.HALF_EVEN)));
    }

    /** Division with Postgres's result scale (select_div_scale); 22012 on zero. */
    public static BigDecimal divide(BigDecimal x, BigDecimal y) {
        if (y.signum() == 0) {
            throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        int qweight = weight(x) - weight(y);
        if (firstDigit(x) < firstDigit(y)) {
            qweight--;
        }
        int rscale = MIN_SIG_DIGITS - qweight * 4;
        rscale = clampScale(Math.max(rscale, Math.max(x.scale(), y.scale())));
        return x.divide(y, rscale, RoundingMode.HALF_UP);
    }

    /**
     * The scale PostgreSQL's select_div_scale gives {@code x / y}: at least 16 significant digits,
     * and no fewer fractional digits than either operand has.
     */
    public static int divisionScale(BigDecimal x, BigDecimal y) {
        int qweight = weight(x) - weight(y);
        if (firstDigit(x) <= firstDigit(y)) {
            qweight--;
        }
        return clampScale(Math.max(MIN_SIG_DIGITS - qweight * 4, Math.max(x.scale(), y.scale())));
    }

    /** The remainder with the dividend's sign, as Postgres's {@code %} and {@code mod}. */
    public static BigDecimal modulo(BigDecimal x, BigDecimal y) {
        if (y.signum() == 0) {
            throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        return x.remainder(y);
    }

    /** Square root at Postgres's scale (sqrt_var); 2201F for a negative argument. */
    public static BigDecimal sqrt(BigDecimal x) {
        if (x.signum() < 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER,
                    "cannot take square root of a negative number: " + x.toPlainString());
        }
        int sweight = (weight(x) + 1) * 4 / 2 - 1;
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS - sweight, x.scale()));
        if (x.signum() == 0) {
            return BigDecimal.ZERO.setScale(rscale);
        }
        return x.sqrt(new MathContext(x.precision() + rscale + 10)).setScale(rscale, RoundingMode.HALF_UP);
    }

    /**
     * {@code x ^ y}: exact for whole exponents, through sqrt for halves, through double precision
     * otherwise; at the scale Postgres shows (at least 16 fractional digits).
     */
    public static BigDecimal power(BigDecimal x, BigDecimal y) {
        int rscale = clampScale(Math.max(MIN_SIG_DIGITS, Math.max(x.scale(), y.scale())));
        if (x.signum() == 0 && y.signum() < 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER, "zero raised to a negative power is undefined");
        }
        BigDecimal whole = y.stripTrailingZeros();
        if (whole.scale() <= 0 && whole.abs().compareTo(BigDecimal.valueOf(100_000)) <= 0) {
            int n = whole.intValueExact();
            BigDecimal r = x.pow(Math.abs(n));
            if (n < 0) {
                r = BigDecimal.ONE.divide(r, rscale + 1, RoundingMode.HALF_UP);
            }
            return r.setScale(rscale, RoundingMode.HALF_UP);
        }
        if (x.signum() < 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        if (whole.compareTo(new BigDecimal("0.5")) == 0) {
            return x.sqrt(new MathContext(x.precision() + rscale + 10)).setScale(rscale, RoundingMode.HALF_UP);
        }
        double r = Math.pow(x.doubleValue(), y.doubleValue());
        if (Double.isInfinite(r) || Double.isNaN(r)) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value overflows numeric format");
        }
        return new BigDecimal(r).setScale(rscale, RoundingMode.HALF_UP);
    }

    /** {@code round(x, s)} (half away from zero); a negative s rounds left of the point. */
    public static BigDecimal round(BigDecimal x, int s) {
        return roundTo(x, s, RoundingMode.HALF_UP);
    }

    /** {@code trunc(x, s)}: toward zero. */
    public static BigDecimal trunc(BigDecimal x, int s) {
        return roundTo(x, s, RoundingMode.DOWN);
    }

    private static BigDecimal roundTo(BigDecimal x, int s, RoundingMode mode) {
        s = Math.max(-MAX_PRECISION, Math.min(MAX_PRECISION, s));
        BigDecimal r = x.setScale(s, mode);
        return s < 0 ? r.setScale(0, RoundingMode.UNNECESSARY) : r;
    }

    /** The numeric-to-integer cast: round half away from zero, 22003 when out of range. */
    public static Object toInteger(BigDecimal d, SqlType target) {
        return Values.narrow(d.setScale(0, RoundingMode.HALF_UP).toBigIntegerExact(), target);
    }

    /** The result of {@code avg} over {@code count} values summing to {@code sum}. */
    public static Number average(Number sum, long count) {
        return sum instanceof NumericSpecial s ? s : divide((BigDecimal) sum, BigDecimal.valueOf(count));
    }

    /** {@code a + b} of two numeric values, NaN and the infinities included (sum's running total). */
    public static Number add(Number a, Number b) {
        if (a instanceof NumericSpecial || b instanceof NumericSpecial) {
            return (Number) NumericSpecial.add(a, b);
        }
        return ((BigDecimal) a).add((BigDecimal) b);
    }

    private static int clampScale(int s) {
        return Math.max(0, Math.min(MAX_PRECISION, s));
    }

    /** The weight of the leading base-10000 digit, as Postgres's NumericVar has it (0 for zero). */
    private static int weight(BigDecimal d) {
        if (d.signum() == 0) {
            return 0;
        }
        int exponent = d.precision() - d.scale() - 1;
        return Math.floorDiv(exponent, 4);
    }

    /** The leading base-10000 digit (0 for zero). */
    private static int firstDigit(BigDecimal d) {
        if (d.signum() == 0) {
            return 0;
        }
        BigInteger lead = d.abs().movePointLeft(4 * weight(d)).toBigInteger();
        return lead.intValue();
    }
}
