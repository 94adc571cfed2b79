package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.vector.VectorText;
import io.kyrodb.sql.ast.TypeName;
import io.kyrodb.sql.parser.SourceSnippet;

/** Turns a type as written ({@code int4}, {@code double precision}, {@code varchar(20)}) into a {@link SqlType}. */
public final class TypeResolver {
    /** The longest {@code varchar(n)} accepted, as in Postgres. */
    public static final int MAX_VARCHAR_LENGTH = 10_485_760;

    private TypeResolver() {
    }

    public static SqlType resolve(TypeName type, String sql) {
        return resolve(type, sql, null);
    }

    /**
     * As {@link #resolve(TypeName, String)}, with {@code userTypes} finding the names of
     * user-defined types (enums, domains; null when it knows none): it gets the name as written
     * ({@code schema.name} when qualified) and returns null when there is no such type.
     */
    public static SqlType resolve(TypeName type, String sql, java.util.function.Function<String, SqlType> userTypes) {
        if (type.name().startsWith("pg_catalog.")) {   // built-in types live in pg_catalog
            type = new TypeName(type.pos(), type.name().substring("pg_catalog.".length()), type.arguments());
            userTypes = null;
        }
        if (type.name().endsWith("[]")) {
            SqlType element = resolve(new TypeName(type.pos(), type.name().substring(0, type.name().length() - 2),
                    type.arguments()), sql, userTypes);
            if (element.isArray()) {
                return element;   // Postgres ignores the declared number of dimensions: int[][] is int[]
            }
            return SqlType.arrayOf(element);
        }
        if (userTypes != null) {
            SqlType user = userTypes.apply(type.name());
            if (user != null) {
                if (!type.arguments().isEmpty()) {
                    throw new KyroException(SqlState.SYNTAX_ERROR, SourceSnippet.annotate(
                            "type \"" + type.name() + "\" takes no modifier, got " + type, sql, type.pos()));
                }
                return user;
            }
        }
        if (type.name().equals("interval") || type.name().startsWith("interval ")) {
            return IntervalTypmod.resolve(type, sql);   // interval(3), interval day to second
        }
        SqlType resolved = switch (type.name()) {
            case "bigint", "int8", "oid" -> SqlType.BIGINT;   // oid: catalog OIDs are bigint in KyroDB
            case "regclass" -> SqlType.REGCLASS;
            // a text search configuration's name, as pg_dump writes it (to_tsvector('english'::regconfig, ...))
            case "regconfig" -> SqlType.TEXT;
            case "regtype" -> SqlType.REGTYPE;
            case "regproc" -> SqlType.REGPROC;
            case "regnamespace" -> SqlType.REGNAMESPACE;
            case "record" -> SqlType.RECORD;
            case "tsvector" -> SqlType.TSVECTOR;
            case "tsquery" -> SqlType.TSQUERY;
            case "integer", "int", "int4" -> SqlType.INTEGER;
            case "smallint", "int2" -> SqlType.SMALLINT;
            case "double precision", "float8", "double" -> SqlType.DOUBLE;
            case "real", "float4" -> SqlType.REAL;
            case "float" -> floatType(type, sql);
            case "boolean", "bool" -> SqlType.BOOLEAN;
            case "text" -> SqlType.TEXT;
            case "refcursor" -> SqlType.TEXT;   // a cursor's name (PL/pgSQL's refcursor variables know they are one)
            case "varchar", "character varying" -> varchar(type, sql);
            case "char", "character", "bpchar" -> bpchar(type, sql);
            case "vector" -> vector(type, sql);
            case "halfvec" -> vector(type, sql);
            case "sparsevec" -> vector(type, sql);
            case "bit" -> bit(type, sql, false);
            case "bit varying", "varbit" -> bit(type, sql, true);
            case "numeric", "decimal", "dec" -> numeric(type, sql);
            case "date" -> SqlType.DATE;
            case "time", "time without time zone" -> timestamp(TypeKind.TIME, type, sql);
            case "timetz", "time with time zone" -> timestamp(TypeKind.TIMETZ, type, sql);
            case "timestamp", "timestamp without time zone" -> timestamp(TypeKind.TIMESTAMP, type, sql);
            case "timestamptz", "timestamp with time zone" -> timestamp(TypeKind.TIMESTAMPTZ, type, sql);
            case "uuid" -> SqlType.UUID;
            case "bytea" -> SqlType.BYTEA;
            case "jsonb" -> SqlType.JSONB;
            case "jsonpath" -> SqlType.JSONPATH;
            case "json" -> SqlType.JSON;
            case "int4range", "int8range", "numrange", "daterange", "tsrange", "tstzrange" ->
                    SqlType.of(TypeKind.valueOf(type.name().toUpperCase(java.util.Locale.ROOT)));
            default -> throw new KyroException(SqlState.UNDEFINED_OBJECT,
                    SourceSnippet.annotate("type \"" + type.name() + "\" does not exist", sql, type.pos()));
        };
        if (!type.arguments().isEmpty() && resolved.kind() != TypeKind.VARCHAR
                && !resolved.kind().isPgvector() && resolved.kind() != TypeKind.BIT && !type.name().equals("float")
                && resolved.kind() != TypeKind.NUMERIC && resolved.kind() != TypeKind.TIMESTAMP
                && resolved.kind() != TypeKind.TIMESTAMPTZ && resolved.kind() != TypeKind.TIME
                && resolved.kind() != TypeKind.TIMETZ) {
            throw new KyroException(SqlState.SYNTAX_ERROR, SourceSnippet.annotate(
                    "type \"" + type.name() + "\" takes no modifier, got " + type, sql, type.pos()));
        }
        return resolved;
    }

    private static SqlType floatType(TypeName type, String sql) {
        if (type.arguments().isEmpty()) {
            return SqlType.DOUBLE;
        }
        int p = type.arguments().get(0);
        if (type.arguments().size() > 1 || p < 1 || p > 53) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "precision for type float must be between 1 and 53 bits, got " + type, sql, type.pos()));
        }
        return p <= 24 ? SqlType.REAL : SqlType.DOUBLE;
    }

    private static SqlType varchar(TypeName type, String sql) {
        if (type.arguments().isEmpty()) {
            return SqlType.of(TypeKind.VARCHAR);
        }
        int n = type.arguments().get(0);
        if (type.arguments().size() > 1 || n < 1 || n > MAX_VARCHAR_LENGTH) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "length for type varchar must be between 1 and " + MAX_VARCHAR_LENGTH + ", got " + type,
                    sql, type.pos()));
        }
        return SqlType.varchar(n);
    }

    /** {@code character(n)}: n from 1 (without one, 1; bpchar without one: any length). */
    private static SqlType bpchar(TypeName type, String sql) {
        if (type.arguments().isEmpty()) {
            return SqlType.bpchar(type.name().equals("bpchar") ? 0 : 1);
        }
        int n = type.arguments().get(0);
        if (type.arguments().size() > 1 || n < 1 || n > MAX_VARCHAR_LENGTH) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "length for type char must be between 1 and " + MAX_VARCHAR_LENGTH + ", got " + type,
                    sql, type.pos()));
        }
        return SqlType.bpchar(n);
    }

    /** Postgres's numeric typmod: precision 1 to 1000, scale 0 to precision (22023 otherwise). */
    private static SqlType numeric(TypeName type, String sql) {
        if (type.arguments().isEmpty()) {
            return SqlType.NUMERIC;
        }
        int p = type.arguments().get(0);
        int s = type.arguments().size() > 1 ? type.arguments().get(1) : 0;
        if (p < 1 || p > Numerics.MAX_PRECISION) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "NUMERIC precision " + p + " must be between 1 and " + Numerics.MAX_PRECISION, sql, type.pos()));
        }
        if (s < 0 || s > p) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "NUMERIC scale " + s + " must be between 0 and precision " + p, sql, type.pos()));
        }
        return SqlType.numeric(p, s);
    }

    /**
     * {@code timestamp(p)}, {@code time(p)} and their {@code with time zone} forms: 0 to 6 fractional
     * digits (Postgres rounds a larger p down to 6 with a warning).
     */
    private static SqlType timestamp(TypeKind kind, TypeName type, String sql) {
        if (type.arguments().isEmpty()) {
            return SqlType.of(kind);
        }
        int p = type.arguments().get(0);
        if (type.arguments().size() > 1 || p < 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    (kind == TypeKind.TIME || kind == TypeKind.TIMETZ ? "TIME(" : "TIMESTAMP(") + p
                            + ") precision must not be negative", sql, type.pos()));
        }
        return SqlType.timestamp(kind, Math.min(p, 6));
    }

    /** {@code bit(n)} (n 1 when not given) or {@code bit varying(n)}: 1 to 83886080 bits (22023). */
    private static SqlType bit(TypeName type, String sql, boolean varying) {
        if (type.arguments().isEmpty()) {
            return SqlType.bit(varying ? 0 : 1, varying);
        }
        int n = type.arguments().get(0);
        String name = varying ? "bit varying" : "bit";
        if (type.arguments().size() > 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "invalid type modifier: " + type + " takes one length", sql, type.pos()));
        }
        if (n < 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "length for type " + name + " must be at least 1", sql, type.pos()));
        }
        if (n > BitString.MAX_LENGTH) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "length for type " + name + " cannot exceed " + BitString.MAX_LENGTH, sql, type.pos()));
        }
        return SqlType.bit(n, varying);
    }

    /**
     * pgvector's typmod checks: 1 to 16000 dimensions for vector and halfvec, to 1,000,000 for
     * sparsevec (22023).
     */
    private static SqlType vector(TypeName type, String sql) {
        TypeKind kind = switch (type.name()) {
            case "halfvec" -> TypeKind.HALFVEC;
            case "sparsevec" -> TypeKind.SPARSEVEC;
            default -> TypeKind.VECTOR;
        };
        int max = kind == TypeKind.SPARSEVEC ? io.kyrodb.engine.vector.SparseVector.MAX_DIMENSIONS : VectorText.MAX_DIMENSIONS;
        if (type.arguments().isEmpty()) {
            return SqlType.of(kind);
        }
        int n = type.arguments().get(0);
        if (type.arguments().size() > 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "invalid type modifier: " + type + " takes one dimension count", sql, type.pos()));
        }
        if (n < 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "dimensions for type " + kind.sqlName() + " must be at least 1", sql, type.pos()));
        }
        if (n > max) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "dimensions for type " + kind.sqlName() + " cannot exceed " + max, sql, type.pos()));
        }
        return new SqlType(kind, n);
    }
}
