package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;
import io.kyrodb.engine.util.CaseMapping;


/**
 * The scalar functions. {@code strict} ones return NULL when any argument is NULL (Postgres's
 * STRICT); the binder checks arity and types before a call is built. Text functions are in
 * {@link StringFunctions}, numeric ones in {@link MathFunctions}.
 */
public enum ScalarFunction {
    ABS(true), LOWER(true), UPPER(true), LENGTH(true), COALESCE(false), NULLIF(false),
    DISTINCT_FROM(false), NOT_DISTINCT_FROM(false), REGEX_MATCHES(true), REGEX_MATCHES_CI(true),
    GREATEST(false), LEAST(false),
    // text
    INITCAP(true), SUBSTR(true), STRPOS(true), REPLACE(true), BTRIM(true), LTRIM(true), RTRIM(true), LPAD(true),
    RPAD(true), LEFT(true), RIGHT(true), REPEAT(true), REVERSE(true), CONCAT(false), CONCAT_WS(false),
    SPLIT_PART(true), STARTS_WITH(true), FORMAT(false), MD5(true), REGEXP_REPLACE(true),
    CHR(true), ASCII(true), TO_HEX(true), OCTET_LENGTH(true), TRANSLATE(true), REGEXP_LIKE(true), REGEXP_COUNT(true),
    REGEXP_SUBSTR(true), REGEXP_SPLIT_TO_ARRAY(true),
    // numbers
    SIGN(true), CEIL(true), FLOOR(true), ROUND(true), TRUNC(true), MOD(true), POWER(true), SQRT(true), CBRT(true),
    EXP(true), LN(true), LOG10(true), LOG(true), PI(true), RANDOM(false), DEGREES(true), RADIANS(true), SIN(true),
    COS(true), TAN(true), ASIN(true), ACOS(true), ATAN(true), ATAN2(true), COT(true);

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
                case io.kyrodb.engine.types.NumericSpecial s -> NumericSpecialFunctions.abs(s);
                case Number n -> {
                    if (n.longValue() == Long.MIN_VALUE) {
                        throw Values.outOfRange(type, n.toString());
                    }
                    yield Values.narrow(Math.abs(n.longValue()), type);
                }
                default -> throw new IllegalStateException("abs of " + args[0]);
            };
            case LOWER -> CaseMapping.lower((String) args[0]);
            case UPPER -> CaseMapping.upper((String) args[0]);
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
            case DISTINCT_FROM -> !same(args[0], args[1]);
            case NOT_DISTINCT_FROM -> same(args[0], args[1]);
            case GREATEST, LEAST -> {
                Object best = null;
                for (Object a : args) {
                    if (a != null && (best == null || (Values.compare(a, best) > 0) == (this == GREATEST)
                            && Values.compare(a, best) != 0)) {
                        best = a;
                    }
                }
                yield best;
            }
            case SIGN, CEIL, FLOOR, ROUND, TRUNC, MOD, POWER, SQRT, CBRT, EXP, LN, LOG10, LOG, PI, RANDOM, DEGREES,
                 RADIANS, SIN, COS, TAN, ASIN, ACOS, ATAN, ATAN2, COT -> MathFunctions.apply(this, args, type);
            default -> StringFunctions.apply(this, args);
        };
    }

    private static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Values.compare(a, b) == 0;
    }
}
