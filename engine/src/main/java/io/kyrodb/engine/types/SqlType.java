package io.kyrodb.engine.types;

/**
 * A column or expression type: a kind plus, for {@code varchar(n)}, its length limit, for
 * {@code vector(n)} its dimensions ({@code 0} means none); for an array, its element type
 * ({@code element}, null for every other kind).
 */
public record SqlType(TypeKind kind, int length, SqlType element) {
    public SqlType(TypeKind kind, int length) {
        this(kind, length, null);
    }

    public static final SqlType SMALLINT = new SqlType(TypeKind.SMALLINT, 0);
    public static final SqlType INTEGER = new SqlType(TypeKind.INTEGER, 0);
    public static final SqlType BIGINT = new SqlType(TypeKind.BIGINT, 0);
    public static final SqlType REAL = new SqlType(TypeKind.REAL, 0);
    public static final SqlType DOUBLE = new SqlType(TypeKind.DOUBLE, 0);
    public static final SqlType BOOLEAN = new SqlType(TypeKind.BOOLEAN, 0);
    public static final SqlType TEXT = new SqlType(TypeKind.TEXT, 0);
    public static final SqlType UNKNOWN = new SqlType(TypeKind.UNKNOWN, 0);
    /** {@code vector} without dimensions: what operators and functions take. */
    public static final SqlType VECTOR = new SqlType(TypeKind.VECTOR, 0);
    /** {@code halfvec} without dimensions. */
    public static final SqlType HALFVEC = new SqlType(TypeKind.HALFVEC, 0);
    public static final SqlType UUID = new SqlType(TypeKind.UUID, 0);
    public static final SqlType BYTEA = new SqlType(TypeKind.BYTEA, 0);
    public static final SqlType JSONB = new SqlType(TypeKind.JSONB, 0);
    public static final SqlType JSON = new SqlType(TypeKind.JSON, 0);

    public static SqlType of(TypeKind kind) {
        return switch (kind) {
            case SMALLINT -> SMALLINT;
            case INTEGER -> INTEGER;
            case BIGINT -> BIGINT;
            case REAL -> REAL;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            case TEXT -> TEXT;
            case VARCHAR -> new SqlType(TypeKind.VARCHAR, 0);
            case VECTOR -> VECTOR;
            case HALFVEC -> HALFVEC;
            case UNKNOWN -> UNKNOWN;
            case UUID -> UUID;
            case BYTEA -> BYTEA;
            case JSONB -> JSONB;
            case JSON -> JSON;
            case ARRAY -> throw new IllegalArgumentException("an array type needs its element type: use arrayOf");
        };
    }

    public static SqlType varchar(int length) {
        return new SqlType(TypeKind.VARCHAR, length);
    }

    public static SqlType vector(int dimensions) {
        return new SqlType(TypeKind.VECTOR, dimensions);
    }

    public static SqlType halfvec(int dimensions) {
        return new SqlType(TypeKind.HALFVEC, dimensions);
    }

    /** {@code element[]}. */
    public static SqlType arrayOf(SqlType element) {
        return new SqlType(TypeKind.ARRAY, 0, element);
    }

    public boolean isArray() {
        return kind == TypeKind.ARRAY;
    }

    /** The name as Postgres prints it: {@code integer}, {@code character varying(20)}, {@code text[]}. */
    public String displayName() {
        if (kind == TypeKind.ARRAY) {
            return element.displayName() + "[]";
        }
        if (kind == TypeKind.VARCHAR) {
            return length > 0 ? "character varying(" + length + ")" : "character varying";
        }
        if (kind.isVector() && length > 0) {
            return kind.sqlName() + "(" + length + ")";
        }
        return kind.sqlName();
    }

    /** Precision for JDBC metadata: digits for numbers, the length limit for text. */
    public int precision() {
        if ((kind == TypeKind.VARCHAR || kind.isVector()) && length > 0) {
            return length;
        }
        return kind.precision();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
