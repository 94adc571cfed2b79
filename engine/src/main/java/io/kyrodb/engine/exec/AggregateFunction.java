package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.SqlType;

/** The aggregate functions and the type each returns for an argument type (Postgres's: SUM of bigint and AVG of integers are numeric). */
public enum AggregateFunction {
    COUNT, SUM, MIN, MAX, AVG,
    /** The input values (NULLs included) as an array, in input order. */
    ARRAY_AGG;

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
            case ARRAY_AGG -> SqlType.arrayOf(argument);
        };
    }
}
