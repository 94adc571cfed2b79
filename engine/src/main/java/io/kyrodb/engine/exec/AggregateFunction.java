package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.SqlType;

/** The aggregate functions and the type each returns for an argument type (Postgres's: SUM of bigint and AVG of integers are numeric). */
public enum AggregateFunction {
    COUNT, SUM, MIN, MAX, AVG,
    /** The input values (NULLs included) as an array, in input order. */
    ARRAY_AGG,
    BOOL_AND, BOOL_OR, STRING_AGG,
    /** Sample and population standard deviation and variance ({@code stddev} and {@code variance} are the sample ones). */
    STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP,
    /**
     * Two-argument statistics of (Y, X) pairs where neither is NULL; the binder passes the pair as
     * one double precision array {@code [y, x]}.
     */
    CORR, COVAR_POP, COVAR_SAMP, REGR_SLOPE, REGR_INTERCEPT, REGR_COUNT, REGR_R2, REGR_AVGX, REGR_AVGY,
    REGR_SXX, REGR_SYY, REGR_SXY,
    BIT_AND, BIT_OR, BIT_XOR,
    /**
     * Ordered-set aggregates: {@code percentile_cont(f) WITHIN GROUP (ORDER BY x)}, {@code
     * percentile_disc}, {@code mode()}; the fraction (or array of fractions) is the call's parameter.
     */
    PERCENTILE_CONT, PERCENTILE_DISC, MODE;

    /** The variance and standard deviation family. */
    public boolean isVariance() {
        return this == STDDEV_SAMP || this == STDDEV_POP || this == VAR_SAMP || this == VAR_POP;
    }

    /** Takes a (Y, X) pair. */
    public boolean isRegression() {
        return ordinal() >= CORR.ordinal() && ordinal() <= REGR_SXY.ordinal();
    }

    public boolean isBitwise() {
        return this == BIT_AND || this == BIT_OR || this == BIT_XOR;
    }

    public boolean isOrderedSet() {
        return this == PERCENTILE_CONT || this == PERCENTILE_DISC || this == MODE;
    }

    public SqlType resultType(SqlType argument) {
        return switch (this) {
            case COUNT -> SqlType.BIGINT;
            case SUM -> switch (argument.kind()) {
                case SMALLINT, INTEGER -> SqlType.BIGINT;
                case BIGINT, NUMERIC -> SqlType.NUMERIC;
                case VECTOR, HALFVEC -> SqlType.of(argument.kind());
                default -> argument;
            };
            case AVG -> argument.kind().isFloat() ? SqlType.DOUBLE
                    : argument.kind().isVector() ? SqlType.of(argument.kind())
                    : argument.kind() == io.kyrodb.engine.types.TypeKind.INTERVAL ? SqlType.INTERVAL : SqlType.NUMERIC;
            case MIN, MAX -> argument;
            case ARRAY_AGG -> argument.isArray() ? argument : SqlType.arrayOf(argument);   // of arrays: one more dimension
            case BOOL_AND, BOOL_OR -> SqlType.BOOLEAN;
            case STRING_AGG -> SqlType.TEXT;
            case STDDEV_SAMP, STDDEV_POP, VAR_SAMP, VAR_POP -> argument.kind().isFloat() ? SqlType.DOUBLE : SqlType.NUMERIC;
            case REGR_COUNT -> SqlType.BIGINT;
            case CORR, COVAR_POP, COVAR_SAMP, REGR_SLOPE, REGR_INTERCEPT, REGR_R2, REGR_AVGX, REGR_AVGY, REGR_SXX,
                 REGR_SYY, REGR_SXY -> SqlType.DOUBLE;
            case BIT_AND, BIT_OR, BIT_XOR, PERCENTILE_DISC, MODE -> argument;
            case PERCENTILE_CONT -> argument.kind() == io.kyrodb.engine.types.TypeKind.INTERVAL ? SqlType.INTERVAL
                    : SqlType.DOUBLE;
        };
    }

    /** The aggregate called {@code name} in SQL ({@code every} is {@code bool_and}), or null. */
    public static AggregateFunction ofName(String name) {
        return switch (name) {
            case "count" -> COUNT;
            case "sum" -> SUM;
            case "min" -> MIN;
            case "max" -> MAX;
            case "avg" -> AVG;
            case "array_agg" -> ARRAY_AGG;
            case "bool_and", "every" -> BOOL_AND;
            case "bool_or" -> BOOL_OR;
            case "string_agg" -> STRING_AGG;
            case "stddev", "stddev_samp" -> STDDEV_SAMP;
            case "stddev_pop" -> STDDEV_POP;
            case "variance", "var_samp" -> VAR_SAMP;
            case "var_pop" -> VAR_POP;
            case "corr" -> CORR;
            case "covar_pop" -> COVAR_POP;
            case "covar_samp" -> COVAR_SAMP;
            case "regr_slope" -> REGR_SLOPE;
            case "regr_intercept" -> REGR_INTERCEPT;
            case "regr_count" -> REGR_COUNT;
            case "regr_r2" -> REGR_R2;
            case "regr_avgx" -> REGR_AVGX;
            case "regr_avgy" -> REGR_AVGY;
            case "regr_sxx" -> REGR_SXX;
            case "regr_syy" -> REGR_SYY;
            case "regr_sxy" -> REGR_SXY;
            case "bit_and" -> BIT_AND;
            case "bit_or" -> BIT_OR;
            case "bit_xor" -> BIT_XOR;
            case "percentile_cont" -> PERCENTILE_CONT;
            case "percentile_disc" -> PERCENTILE_DISC;
            case "mode" -> MODE;
            default -> null;
        };
    }
}
