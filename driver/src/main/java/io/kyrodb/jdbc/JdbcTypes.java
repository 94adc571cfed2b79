package io.kyrodb.jdbc;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

/**
 * How the engine's types look through JDBC metadata, the same in ResultSetMetaData,
 * DatabaseMetaData.getColumns and getTypeInfo. Type names are Postgres' internal names, as pgjdbc
 * reports them ({@code int4}, {@code float8}, {@code varchar}), so tools that know Postgres
 * recognise them.
 */
final class JdbcTypes {
    private JdbcTypes() {
    }

    static String typeName(TypeKind kind) {
        return switch (kind) {
            case SMALLINT -> "int2";
            case INTEGER -> "int4";
            case BIGINT -> "int8";
            case REAL -> "float4";
            case DOUBLE -> "float8";
            case BOOLEAN -> "bool";
            case TEXT -> "text";
            case VARCHAR -> "varchar";
            case UNKNOWN -> "unknown";
            case VECTOR -> "vector";
            case HALFVEC -> "halfvec";
            case SPARSEVEC -> "sparsevec";
            case BIT -> "varbit";
            case NUMERIC -> "numeric";
            case DATE -> "date";
            case TIME -> "time";
            case TIMESTAMP -> "timestamp";
            case TIMESTAMPTZ -> "timestamptz";
            case INTERVAL -> "interval";
            case UUID -> "uuid";
            case BYTEA -> "bytea";
            case JSONB -> "jsonb";
            case ARRAY -> "_unknown";
            case JSON -> "json";
            case TIMETZ -> "timetz";
            case JSONPATH -> "jsonpath";
            case REGCLASS -> "regclass";
            case REGTYPE -> "regtype";
            case REGPROC -> "regproc";
            case REGNAMESPACE -> "regnamespace";
            case RECORD -> "record";
            case TSVECTOR -> "tsvector";
            case TSQUERY -> "tsquery";
            case ENUM -> "enum";
            case DOMAIN -> "domain";
            case INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> kind.sqlName();
        };
    }

    /** As {@link #typeName(TypeKind)}; an array is {@code _} and its element's name ({@code _int4}), as pgjdbc says. */
    static String typeName(SqlType type) {
        if (type.kind() == TypeKind.BIT && !type.varying()) {
            return "bit";
        }
        if (type.udt() != null) {
            return type.udt().name();   // an enum or domain by its name, as pgjdbc reports it
        }
        if (type.isArray() && type.element().udt() != null) {
            return "_" + type.element().udt().name();
        }
        if (type.blankPadded()) {
            return "bpchar";   // character(n), as pgjdbc names it
        }
        return type.isArray() ? "_" + typeName(type.element().kind()) : typeName(type.kind());
    }

    static int jdbcType(SqlType type) {
        if (type.blankPadded()) {
            return java.sql.Types.CHAR;
        }
        return type.kind().jdbcType();
    }

    /** The column size of getColumns and getPrecision: digits for numbers, characters for text. */
    static int precision(SqlType type) {
        return type.precision();
    }

    /** Characters needed to print any value of the type (a sign included). */
    static int displaySize(SqlType type) {
        return switch (type.kind()) {
            case SMALLINT -> 6;
            case INTEGER -> 11;
            case BIGINT -> 20;
            case REAL -> 15;
            case DOUBLE -> 25;
            case BOOLEAN -> 5;
            case TEXT, VARCHAR -> type.precision();
            case UNKNOWN -> 0;
            case VECTOR, HALFVEC -> type.length() > 0 ? 2 + type.length() * 15 : Integer.MAX_VALUE;
            case NUMERIC -> type.hasTypmod() ? type.numericPrecision() + (type.scale() > 0 ? 2 : 1) : 131089;
            case DATE -> 13;
            case TIME -> 15;
            case TIMESTAMP -> 29;
            case TIMESTAMPTZ -> 35;
            case INTERVAL -> 49;
            case UUID -> 36;
            case BYTEA, JSONB, ARRAY, JSON, SPARSEVEC, JSONPATH -> Integer.MAX_VALUE;
            case BIT -> type.bitLength() > 0 ? type.bitLength() : Integer.MAX_VALUE;
            case TIMETZ -> 21;
            case REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, RECORD, TSVECTOR, TSQUERY, ENUM, DOMAIN,
                 INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> Integer.MAX_VALUE;
        };
    }

    /** The radix of {@link #precision}: 10 for numbers, 0 (not applicable) otherwise. */
    static int radix(TypeKind kind) {
        return kind.isNumeric() ? 10 : 0;
    }

    static boolean isSigned(TypeKind kind) {
        return kind.isNumeric();
    }

    static boolean isCaseSensitive(TypeKind kind) {
        return kind.isText();
    }

    /** The class getObject returns for the type (pgjdbc's, except jsonb: a String, not a PGobject; dates and times as java.sql; halfvec a float[]). */
    static String className(TypeKind kind) {
        return switch (kind) {
            case BYTEA -> byte[].class.getName();
            case HALFVEC -> float[].class.getName();
            case JSONB, BIT, JSONPATH, REGCLASS, REGTYPE, REGPROC, REGNAMESPACE, RECORD, TSVECTOR, TSQUERY, ENUM,
                 INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE ->
                    String.class.getName();
            case ARRAY -> java.sql.Array.class.getName();
            case DATE -> java.sql.Date.class.getName();
            case TIME, TIMETZ -> java.sql.Time.class.getName();
            case TIMESTAMP, TIMESTAMPTZ -> java.sql.Timestamp.class.getName();
            case INTERVAL -> String.class.getName();
            default -> kind.javaClass().getName();
        };
    }

    /** The scale of getScale and DECIMAL_DIGITS: numeric(p,s)'s s, fractional-second digits of times and intervals. */
    static int scale(SqlType type) {
        return switch (type.kind()) {
            case NUMERIC, TIME, TIMETZ, TIMESTAMP, TIMESTAMPTZ, INTERVAL -> type.scale();
            default -> 0;
        };
    }

    /** The maximum length in bytes (UTF-8) for text columns, 0 for others. */
    static int charOctetLength(SqlType type) {
        if (!type.kind().isText()) {
            return 0;
        }
        long bytes = 4L * type.precision();
        return (int) Math.min(bytes, Integer.MAX_VALUE);
    }
}
