package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.SqlType;

/** The aggregate functions and the type each returns for an argument type (Postgres's, but AVG gives double precision). */
public enum AggregateFunction {
    COUNT, SUM, MIN, MAX, AVG,
    /** The input values (NULLs included) as an array, in input order. */
    ARRAY_AGG;

    public SqlType resultType(SqlType argument) {
        return switch (this) {
            case COUNT -> SqlType.BIGINT;
            case SUM -> argument.kind().isInteger() ? SqlType.BIGINT
                    : argument.kind().isVector() ? SqlType.of(argument.kind()) : argument;
            case AVG -> argument.kind().isVector() ? SqlType.of(argument.kind()) : SqlType.DOUBLE;
            case MIN, MAX -> argument;
            case ARRAY_AGG -> SqlType.arrayOf(argument);
        };
    }
}
