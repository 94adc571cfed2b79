package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.NumericSpecial;

import java.math.BigDecimal;

/**
 * What the numeric functions give when an argument is {@code NaN} or an infinity, as PostgreSQL 14+
 * (the finite cases stay in {@link NumericFunction} and {@link ExtraFunction}): rounding keeps the
 * value, {@code sqrt('inf')} is Infinity, {@code power} follows the C library's pow except that
 * {@code 1 ^ NaN} and {@code (-1) ^ inf} are 1, and the errors of the finite forms apply.
 */
final class NumericSpecialFunctions {
    private NumericSpecialFunctions() {
    }

    /** Whether any of the values is NaN or an infinity. */
    static boolean any(Object... values) {
        for (Object v : values) {
            if (v instanceof NumericSpecial) {
                return true;
            }
        }
        return false;
    }

    /** round, trunc, ceil, floor, mod, power and sqrt where {@link #any} holds. */
    static Object apply(NumericFunction f, Object[] args) {
        Object x = args[0];
        return switch (f) {
            case ROUND, TRUNC, CEIL, FLOOR -> x;   // the scale argument is an integer: x is the special one
            case MOD -> NumericSpecial.modulo(x, args[1]);
            case POWER -> power(x, args[1]);
            case SQRT -> {
                if (x == NumericSpecial.NEGATIVE_INFINITY) {
                    throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER, "cannot take square root of a negative number");
                }
                yield x;
            }
        };
    }

    private static Number power(Object base, Object exponent) {
        if (base instanceof BigDecimal b && b.compareTo(BigDecimal.ONE) == 0
                || exponent instanceof BigDecimal e && e.signum() == 0) {
            return BigDecimal.ONE;   // 1 ^ NaN and NaN ^ 0 too
        }
        double x = ((Number) base).doubleValue();
        double y = ((Number) exponent).doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return NumericSpecial.NAN;
        }
        if (x == 0 && y < 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER, "zero raised to a negative power is undefined");
        }
        if (x < 0 && !Double.isInfinite(y) && y != Math.rint(y)) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        if (base instanceof BigDecimal b && b.compareTo(BigDecimal.ONE.negate()) == 0) {
            return BigDecimal.ONE;   // (-1) ^ +-Infinity
        }
        double r = Math.pow(x, y);
        NumericSpecial special = NumericSpecial.ofDouble(r);
        return special != null ? special : r == 0 ? BigDecimal.ZERO : BigDecimal.ONE;
    }

    /** abs: Infinity for either infinity, NaN for NaN. */
    static NumericSpecial abs(NumericSpecial x) {
        return x.isNaN() ? x : NumericSpecial.POSITIVE_INFINITY;
    }

    /**
     * gcd and lcm (NaN), div (the quotient's sign, 0 for an infinite divisor, 22012 for zero), scale
     * and min_scale (NULL), trim_scale (the value) where {@link #any} holds.
     */
    static Object extra(ExtraFunction f, Object[] a) {
        return switch (f) {
            case GCD, LCM -> NumericSpecial.NAN;
            case DIV -> {
                Object q = NumericSpecial.divide(a[0], a[1]);
                yield q instanceof BigDecimal ? BigDecimal.ZERO : q;
            }
            case SCALE, MIN_SCALE -> null;
            case TRIM_SCALE -> a[0];
            default -> throw new IllegalStateException("no special numeric form of " + f);
        };
    }
}
