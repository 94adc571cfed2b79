package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.Numerics;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.math.BigDecimal;

/**
 * round, trunc, ceil, floor, mod, power and sqrt, on numeric (exact, at Postgres's scales) and on
 * double precision (as Postgres: round half to even, through the C library). Arguments arrive
 * converted to the result type, except the integer scale of round/trunc.
 */
public enum NumericFunction implements Builtin {
    ROUND, TRUNC, CEIL, FLOOR, MOD, POWER, SQRT;

    @Override
    public Object apply(Object[] args, SqlType type) {
        Object a = args[0];
        if (NumericSpecialFunctions.any(args)) {
            return NumericSpecialFunctions.apply(this, args);
        }
        if (a instanceof BigDecimal d) {
            return switch (this) {
                case ROUND -> Numerics.round(d, args.length > 1 ? ((Number) args[1]).intValue() : 0);
                case TRUNC -> Numerics.trunc(d, args.length > 1 ? ((Number) args[1]).intValue() : 0);
                case CEIL -> d.setScale(0, java.math.RoundingMode.CEILING);
                case FLOOR -> d.setScale(0, java.math.RoundingMode.FLOOR);
                case MOD -> Numerics.modulo(d, (BigDecimal) args[1]);
                case POWER -> Numerics.power(d, (BigDecimal) args[1]);
                case SQRT -> Numerics.sqrt(d);
            };
        }
        if (this == MOD) {
            long y = ((Number) args[1]).longValue();
            if (y == 0) {
                throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
            }
            return Values.narrow(y == -1 ? 0 : ((Number) a).longValue() % y, type);
        }
        double x = ((Number) a).doubleValue();
        double r = switch (this) {
            case ROUND -> Math.rint(x);
            case TRUNC -> x < 0 ? Math.ceil(x) : Math.floor(x);
            case CEIL -> Math.ceil(x);
            case FLOOR -> Math.floor(x);
            case POWER -> {
                double y = ((Number) args[1]).doubleValue();
                if (x == 0 && y < 0) {
                    throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER, "zero raised to a negative power is undefined");
                }
                if (x < 0 && y != Math.rint(y)) {
                    throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER,
                            "a negative number raised to a non-integer power yields a complex result");
                }
                yield Math.pow(x, y);
            }
            case SQRT -> {
                if (x < 0) {
                    throw new KyroException(SqlState.INVALID_ARGUMENT_FOR_POWER, "cannot take square root of a negative number");
                }
                yield Math.sqrt(x);
            }
            default -> throw new IllegalStateException(name());
        };
        if (Double.isInfinite(r) && !Double.isInfinite(x)) {
            throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
        }
        return r;
    }
}
