package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PostgreSQL's mathematical functions on the types KyroDB has: integers and double precision
 * (until there is numeric, the numeric-only forms such as {@code round(x, n)} work on double
 * precision, rounding half away from zero as numeric does). Errors carry PostgreSQL's SQLSTATEs.
 */
final class MathFunctions {
    private MathFunctions() {
    }

    static Object apply(ScalarFunction f, Object[] a, SqlType type) {
        return switch (f) {
            case SIGN -> type.kind().isInteger() ? Values.narrow(Long.signum(((Number) a[0]).longValue()), type)
                    : Math.signum(d(a[0]));
            case CEIL -> Math.ceil(d(a[0]));
            case FLOOR -> Math.floor(d(a[0]));
            case ROUND -> a.length == 1 ? Math.rint(d(a[0])) : scale(d(a[0]), ((Number) a[1]).intValue(), RoundingMode.HALF_UP);
            case TRUNC -> a.length == 1 ? (d(a[0]) < 0 ? Math.ceil(d(a[0])) : Math.floor(d(a[0])))
                    : scale(d(a[0]), ((Number) a[1]).intValue(), RoundingMode.DOWN);
            case MOD -> mod(a[0], a[1], type);
            case POWER -> power(d(a[0]), d(a[1]));
            case SQRT -> {
                if (d(a[0]) < 0) {
                    throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER, "cannot take square root of a negative number");
                }
                yield Math.sqrt(d(a[0]));
            }
            case CBRT -> Math.cbrt(d(a[0]));
            case EXP -> finite(Math.exp(d(a[0])), "exp");
            case LN -> Math.log(positive(d(a[0])));
            case LOG10, LOG -> a.length == 1 ? Math.log10(positive(d(a[0])))
                    : Math.log(positive(d(a[1]))) / Math.log(positive(d(a[0])));
            case PI -> Math.PI;
            case RANDOM -> ThreadLocalRandom.current().nextDouble();
            case DEGREES -> Math.toDegrees(d(a[0]));
            case RADIANS -> Math.toRadians(d(a[0]));
            case SIN -> Math.sin(d(a[0]));
            case COS -> Math.cos(d(a[0]));
            case TAN -> Math.tan(d(a[0]));
            case ASIN -> inDomain(Math.asin(d(a[0])));
            case ACOS -> inDomain(Math.acos(d(a[0])));
            case ATAN -> Math.atan(d(a[0]));
            case ATAN2 -> Math.atan2(d(a[0]), d(a[1]));
            case COT -> 1.0 / Math.tan(d(a[0]));
            default -> throw new IllegalStateException("not a math function: " + f);
        };
    }

    private static double d(Object v) {
        return ((Number) v).doubleValue();
    }

    private static double scale(double v, int places, RoundingMode mode) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return new BigDecimal(Double.toString(v)).setScale(places, mode).doubleValue() + 0.0;
    }

    private static Object mod(Object x, Object y, SqlType type) {
        if (type.kind().isInteger()) {
            long b = ((Number) y).longValue();
            if (b == 0) {
                throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            return Values.narrow(b == -1 ? 0 : ((Number) x).longValue() % b, type);
        }
        if (d(y) == 0) {
            throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        return d(x) % d(y);
    }

    private static double power(double x, double y) {
        if (x == 0 && y < 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER, "zero raised to a negative power is undefined");
        }
        if (x < 0 && Math.floor(y) != y) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER,
                    "a negative number raised to a non-integer power yields a complex result");
        }
        return finite(Math.pow(x, y), "power");
    }

    private static double finite(double v, String what) {
        if (Double.isInfinite(v)) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow (" + what + ")");
        }
        return v;
    }

    private static double positive(double v) {
        if (v == 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of zero");
        }
        if (v < 0) {
            throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_LOG, "cannot take logarithm of a negative number");
        }
        return v;
    }

    private static double inDomain(double v) {
        if (Double.isNaN(v)) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "input is out of range");
        }
        return v;
    }
}
