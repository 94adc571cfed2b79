package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.Locale;

/**
 * The scalar functions of the skeleton. {@code strict} ones return NULL when any argument is NULL
 * (Postgres's STRICT); the binder checks arity and types before a call is built.
 */
public enum ScalarFunction {
    ABS(true), LOWER(true), UPPER(true), LENGTH(true), COALESCE(false), NULLIF(false);

    private final boolean strict;

    ScalarFunction(boolean strict) {
        this.strict = strict;
    }

    public boolean strict() {
        return strict;
    }

    Object apply(Object[] args, SqlType type) {
        return switch (this) {
            case ABS -> switch (args[0]) {
                case Double d -> Math.abs(d);
                case Float f -> Math.abs(f);
                case java.math.BigDecimal d -> d.abs();
                case Number n -> {
                    if (n.longValue() == Long.MIN_VALUE) {
                        throw Values.outOfRange(type, n.toString());
                    }
                    yield Values.narrow(Math.abs(n.longValue()), type);
                }
                default -> throw new IllegalStateException("abs of " + args[0]);
            };
            case LOWER -> ((String) args[0]).toLowerCase(Locale.ROOT);
            case UPPER -> ((String) args[0]).toUpperCase(Locale.ROOT);
            case LENGTH -> ((String) args[0]).codePointCount(0, ((String) args[0]).length());
            case COALESCE -> {
                for (Object a : args) {
                    if (a != null) {
                        yield a;
                    }
                }
                yield null;
            }
            case NULLIF -> args[0] != null && args[1] != null && Values.compare(args[0], args[1]) == 0 ? null : args[0];
        };
    }
}
