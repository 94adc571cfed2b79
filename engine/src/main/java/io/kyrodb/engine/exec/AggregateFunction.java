package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.SqlType;

/** The aggregate functions and the type each returns for an argument type (Postgres's: SUM of bigint and AVG of integers are numeric). */
public enum AggregateFunction {
    COUNT, SUM, MIN, MAX, AVG,
    /** The input values (NULLs included) as an array, in input order. */
    ARRAY_AGG,
    BOOL_AND, BOOL_OR, STRING_AGG;

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
            default -> null;
        };
    }
}
