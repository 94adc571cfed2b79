package io.kyrodb.engine.types;

/**
 * A column or expression type: a kind plus, for {@code varchar(n)}, its length limit, for
 * {@code vector(n)} its dimensions, for {@code numeric(p,s)} its typmod, for {@code timestamp(p)}
 * p + 1, for an {@code interval} PostgreSQL's typmod ({@link IntervalTypmod}) ({@code 0} means none); for an array, its element type ({@code element}, null for every
 * other kind).
 */
public record SqlType(TypeKind kind, int length, SqlType element, UserType udt) {
    public SqlType(TypeKind kind, int length, SqlType element) {
        this(kind, length, element, null);
    }

    public SqlType(TypeKind kind, int length) {
        this(kind, length, null, null);
    }

    /**
     * The type of enum {@code type}'s values; its OID is kept in {@code length}, so a stored column
     * type read back without the catalog ({@code enumType} null) still names its enum.
     */
    public static SqlType ofEnum(EnumType type) {
        return new SqlType(TypeKind.ENUM, type.oid(), null, type);
    }

    /** The enum type of an ENUM (null while a stored column type is not resolved yet, and for other kinds). */
    public EnumType enumType() {
        return udt instanceof EnumType e ? e : null;
    }

    /** The domain a column of a domain type has (its kind, length and element are the base type's), or null. */
    public DomainType domain() {
        return udt instanceof DomainType d ? d : null;
    }

    /** This type without its domain: the base type operators and functions see. */
    public SqlType base() {
        return udt instanceof DomainType ? new SqlType(kind, length, element, null) : this;
    }

    /** Enum types are equal by OID: an ALTER TYPE that adds a label leaves the type the same. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SqlType t && t.kind == kind && t.length == length && java.util.Objects.equals(t.element, element);
    }

    @Override
    public int hashCode() {
        return (kind.hashCode() * 31 + length) * 31 + java.util.Objects.hashCode(element);
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
    /** {@code numeric} without a typmod: any precision and scale. */
    public static final SqlType NUMERIC = new SqlType(TypeKind.NUMERIC, 0);
    public static final SqlType DATE = new SqlType(TypeKind.DATE, 0);
    public static final SqlType TIME = new SqlType(TypeKind.TIME, 0);
    public static final SqlType TIMETZ = new SqlType(TypeKind.TIMETZ, 0);
    public static final SqlType REGCLASS = new SqlType(TypeKind.REGCLASS, 0);
    public static final SqlType REGTYPE = new SqlType(TypeKind.REGTYPE, 0);
    public static final SqlType REGPROC = new SqlType(TypeKind.REGPROC, 0);
    public static final SqlType REGNAMESPACE = new SqlType(TypeKind.REGNAMESPACE, 0);
    public static final SqlType RECORD = new SqlType(TypeKind.RECORD, 0);
    public static final SqlType TSVECTOR = new SqlType(TypeKind.TSVECTOR, 0);
    public static final SqlType TSQUERY = new SqlType(TypeKind.TSQUERY, 0);
    public static final SqlType TIMESTAMP = new SqlType(TypeKind.TIMESTAMP, 0);
    public static final SqlType TIMESTAMPTZ = new SqlType(TypeKind.TIMESTAMPTZ, 0);
    public static final SqlType INTERVAL = new SqlType(TypeKind.INTERVAL, 0);
    /** {@code halfvec} without dimensions. */
    public static final SqlType HALFVEC = new SqlType(TypeKind.HALFVEC, 0);
    public static final SqlType UUID = new SqlType(TypeKind.UUID, 0);
    public static final SqlType BYTEA = new SqlType(TypeKind.BYTEA, 0);
    public static final SqlType JSONB = new SqlType(TypeKind.JSONB, 0);
    public static final SqlType JSONPATH = new SqlType(TypeKind.JSONPATH, 0);
    public static final SqlType JSON = new SqlType(TypeKind.JSON, 0);
    /** {@code sparsevec} without dimensions. */
    public static final SqlType SPARSEVEC = new SqlType(TypeKind.SPARSEVEC, 0);
    /** {@code bit varying} without a length: any bit string (what bit functions take and give). */
    public static final SqlType VARBIT = new SqlType(TypeKind.BIT, BitString.VARYING);

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
            case NUMERIC -> NUMERIC;
            case DATE -> DATE;
            case TIME -> TIME;
            case TIMETZ -> TIMETZ;
            case REGCLASS -> REGCLASS;
            case REGTYPE -> REGTYPE;
            case REGPROC -> REGPROC;
            case REGNAMESPACE -> REGNAMESPACE;
            case RECORD -> RECORD;
            case TSVECTOR -> TSVECTOR;
            case TSQUERY -> TSQUERY;
            case TIMESTAMP -> TIMESTAMP;
            case TIMESTAMPTZ -> TIMESTAMPTZ;
            case INTERVAL -> INTERVAL;
            case UUID -> UUID;
            case BYTEA -> BYTEA;
            case JSONB -> JSONB;
            case JSON -> JSON;
            case JSONPATH -> JSONPATH;
            case SPARSEVEC -> SPARSEVEC;
            case BIT -> VARBIT;
            case INT4RANGE, INT8RANGE, NUMRANGE, DATERANGE, TSRANGE, TSTZRANGE -> new SqlType(kind, 0);
            case ARRAY -> throw new IllegalArgumentException("an array type needs its element type: use arrayOf");
            case ENUM -> throw new IllegalArgumentException("an enum type needs its definition: use ofEnum");
            case DOMAIN -> throw new IllegalArgumentException("a domain column has its base type's kind");
        };
    }

    public static SqlType varchar(int length) {
        return new SqlType(TypeKind.VARCHAR, length);
    }

    /** The flag in a VARCHAR's length that makes it {@code character(n)} (blank-padded), as BIT's VARYING does for bit. */
    public static final int BLANK_PADDED = 1 << 30;

    /**
     * {@code character(n)} ({@code bpchar} when n is 0: no length). Its values are kept without
     * trailing spaces, so they compare, group and index as PostgreSQL's bpchar does (trailing
     * spaces are insignificant); they are padded to n only where they leave as text (JDBC, COPY).
     */
    public static SqlType bpchar(int n) {
        return new SqlType(TypeKind.VARCHAR, n | BLANK_PADDED);
    }

    /** Whether this is {@code character(n)} / {@code bpchar}. */
    public boolean blankPadded() {
        return kind == TypeKind.VARCHAR && (length & BLANK_PADDED) != 0;
    }

    /** The length limit of a character type (varchar(n) or character(n): n; 0 for none). */
    public int charLength() {
        return kind == TypeKind.VARCHAR ? length & ~BLANK_PADDED : 0;
    }

    /** {@code s}, a value of this {@code character(n)} type, padded with spaces to n, as it is shown. */
    public String padded(String s) {
        int n = charLength();
        int missing = n - s.codePointCount(0, s.length());
        return missing <= 0 ? s : s + " ".repeat(missing);
    }

    public static SqlType vector(int dimensions) {
        return new SqlType(TypeKind.VECTOR, dimensions);
    }

    public static SqlType halfvec(int dimensions) {
        return new SqlType(TypeKind.HALFVEC, dimensions);
    }

    public static SqlType sparsevec(int dimensions) {
        return new SqlType(TypeKind.SPARSEVEC, dimensions);
    }

    /** {@code bit(n)} ({@code varying} false; n at least 1) or {@code bit varying(n)} (n 0 for any length). */
    public static SqlType bit(int n, boolean varying) {
        return new SqlType(TypeKind.BIT, varying ? n | BitString.VARYING : n);
    }

    /** Whether a {@code bit} type is {@code bit varying}. */
    public boolean varying() {
        return kind == TypeKind.BIT && (length & BitString.VARYING) != 0;
    }

    /** The length limit of a bit type ({@code bit(n)}: exactly n; varying: at most n, 0 for none). */
    public int bitLength() {
        return kind == TypeKind.BIT ? length & ~BitString.VARYING : 0;
    }

    /** {@code numeric(precision, scale)}; stored in {@code length} as {@code precision << 16 | scale}. */
    public static SqlType numeric(int precision, int scale) {
        return new SqlType(TypeKind.NUMERIC, precision << 16 | scale);
    }

    /** {@code timestamp(p)}, {@code timestamptz(p)}, {@code time(p)}, {@code timetz(p)}: fractional seconds rounded to p digits (0 to 6). */
    public static SqlType timestamp(TypeKind kind, int fractionDigits) {
        return new SqlType(kind, fractionDigits + 1);
    }

    /** Whether a {@code numeric} has a typmod (precision and scale). */
    public boolean hasTypmod() {
        return kind == TypeKind.NUMERIC && length > 0;
    }

    /** The declared precision of a {@code numeric(p,s)}, 0 without a typmod. */
    public int numericPrecision() {
        return kind == TypeKind.NUMERIC ? length >>> 16 : 0;
    }

    /** The scale: of a {@code numeric(p,s)}, s; fractional-second digits of temporal types; else 0. */
    public int scale() {
        return switch (kind) {
            case NUMERIC -> length & 0xFFFF;
            case TIMESTAMP, TIMESTAMPTZ, TIME, TIMETZ -> length > 0 ? length - 1 : 6;
            case INTERVAL -> IntervalTypmod.precision(length);
            case REAL -> 8;
            case DOUBLE -> 17;
            default -> 0;
        };
    }

    /** The name as Postgres prints it: {@code integer}, {@code character varying(20)}. */
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
        if (udt != null) {
            return udt.name();
        }
        if (blankPadded()) {
            return charLength() > 0 ? "character(" + charLength() + ")" : "bpchar";
        }
        if (kind == TypeKind.VARCHAR) {
            return length > 0 ? "character varying(" + length + ")" : "character varying";
        }
        if (kind.isPgvector() && length > 0) {
            return kind.sqlName() + "(" + length + ")";
        }
        if (kind == TypeKind.BIT) {
            String name = varying() ? "bit varying" : "bit";
            return bitLength() > 0 ? name + "(" + bitLength() + ")" : name;
        }
        if (kind == TypeKind.NUMERIC && length > 0) {
            return "numeric(" + numericPrecision() + "," + scale() + ")";
        }
        if ((kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMPTZ) && length > 0) {
            return kind == TypeKind.TIMESTAMP ? "timestamp(" + (length - 1) + ") without time zone"
                    : "timestamp(" + (length - 1) + ") with time zone";
        }
        if ((kind == TypeKind.TIME || kind == TypeKind.TIMETZ) && length > 0) {
            return "time(" + (length - 1) + (kind == TypeKind.TIME ? ") without time zone" : ") with time zone");
        }
        if (kind == TypeKind.INTERVAL) {
            return IntervalTypmod.displayName(length);
        }
        return kind.sqlName();
    }

    /** Precision for JDBC metadata: digits for numbers, the length limit for text. */
    public int precision() {
        if (kind == TypeKind.VARCHAR && charLength() > 0) {
            return charLength();
        }
        if (kind.isPgvector() && length > 0) {
            return length;
        }
        if (kind == TypeKind.BIT) {
            return bitLength() > 0 ? bitLength() : Integer.MAX_VALUE;
        }
        if (kind == TypeKind.NUMERIC && length > 0) {
            return numericPrecision();
        }
        return kind.precision();
    }

    @Override
    public String toString() {
        return displayName();
    }
}
