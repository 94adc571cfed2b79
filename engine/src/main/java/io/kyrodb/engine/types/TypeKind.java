package io.kyrodb.engine.types;

import java.sql.Types;

/**
 * The SQL types the engine stores, with their JDBC type code and the Java class of their values.
 * Both the ordinals (catalog records) and the names (a run file's key kinds, docs/format/run.md)
 * are on disk: add kinds at the end, never rename one.
 */
public enum TypeKind {
    SMALLINT("smallint", Types.SMALLINT, Short.class, 5),
    INTEGER("integer", Types.INTEGER, Integer.class, 10),
    BIGINT("bigint", Types.BIGINT, Long.class, 19),
    REAL("real", Types.REAL, Float.class, 8),
    DOUBLE("double precision", Types.DOUBLE, Double.class, 17),
    BOOLEAN("boolean", Types.BOOLEAN, Boolean.class, 1),
    TEXT("text", Types.VARCHAR, String.class, Integer.MAX_VALUE),
    VARCHAR("varchar", Types.VARCHAR, String.class, Integer.MAX_VALUE),
    /** The type of a bare NULL literal or an unbound parameter before inference. */
    UNKNOWN("unknown", Types.NULL, Object.class, 0),
    /**
     * pgvector's {@code vector(n)}: float32 elements; the length of {@link SqlType} is n, 0 for any.
     * Last because catalog records store the ordinal.
     */
    VECTOR("vector", Types.OTHER, float[].class, 0),
    /** Values are {@link java.util.UUID}, ordered as Postgres's (unsigned bytes, {@link UuidText#compare}). */
    UUID("uuid", Types.OTHER, java.util.UUID.class, 36),
    /** Byte strings; reported as JDBC BINARY, as pgjdbc does. */
    BYTEA("bytea", Types.BINARY, Bytes.class, Integer.MAX_VALUE),
    JSONB("jsonb", Types.OTHER, Jsonb.class, Integer.MAX_VALUE),
    /** One-dimensional arrays; the element type is {@link SqlType#element()}. */
    ARRAY("array", Types.ARRAY, SqlArray.class, 0),
    /** {@code json}: the input text kept as written (validated as JSON); its operators work on it as jsonb. */
    JSON("json", Types.OTHER, String.class, Integer.MAX_VALUE),
    /** {@code numeric(p,s)} as a {@link java.math.BigDecimal}; the length of {@link SqlType} is its typmod. */
    NUMERIC("numeric", Types.NUMERIC, java.math.BigDecimal.class, 1000),
    DATE("date", Types.DATE, java.time.LocalDate.class, 13),
    TIME("time without time zone", Types.TIME, java.time.LocalTime.class, 15),
    /** The length of {@link SqlType} is the fractional-second precision plus one (0: the default, 6). */
    TIMESTAMP("timestamp without time zone", Types.TIMESTAMP, java.time.LocalDateTime.class, 29),
    /** An instant, printed in the session's TimeZone; reported to JDBC as TIMESTAMP, as pgjdbc does. */
    TIMESTAMPTZ("timestamp with time zone", Types.TIMESTAMP, java.time.Instant.class, 35),
    INTERVAL("interval", Types.OTHER, Interval.class, 49),
    /** pgvector's {@code halfvec(n)}: float16 elements; the length of {@link SqlType} is n, 0 for any. */
    HALFVEC("halfvec", Types.OTHER, io.kyrodb.engine.vector.HalfVector.class, 0),
    /** pgvector's {@code sparsevec(n)}; the length of {@link SqlType} is n, 0 for any. */
    SPARSEVEC("sparsevec", Types.OTHER, io.kyrodb.engine.vector.SparseVector.class, 0),
    /**
     * {@code bit(n)} and {@code bit varying(n)} as {@link BitString}s; the length of {@link SqlType}
     * is n (0: any); {@link SqlType#varying()} tells them apart.
     */
    BIT("bit", Types.BIT, BitString.class, 0),
    /** {@code time with time zone}: a time of day and a UTC offset ({@link TimeTz}); JDBC TIME, as pgjdbc reports it. */
    TIMETZ("time with time zone", Types.TIME, java.time.OffsetTime.class, 21),
    /** {@code regclass}: a relation's OID that prints as its name ({@link RegClass}); not a column type. */
    REGCLASS("regclass", Types.VARCHAR, RegClass.class, Integer.MAX_VALUE),
    /** A SQL/JSON path ({@link io.kyrodb.engine.types.jsonpath.JsonPath}), printed in Postgres's canonical form. */
    JSONPATH("jsonpath", Types.OTHER, io.kyrodb.engine.types.jsonpath.JsonPath.class, Integer.MAX_VALUE),
    /**
     * {@code regtype}, {@code regproc}, {@code regnamespace}: a type's, built-in function's or
     * schema's OID that prints as its name, as a {@link RegClass} value with no catalog key; not
     * column types (never stored, as regclass).
     */
    REGTYPE("regtype", Types.VARCHAR, RegClass.class, Integer.MAX_VALUE),
    REGPROC("regproc", Types.VARCHAR, RegClass.class, Integer.MAX_VALUE),
    REGNAMESPACE("regnamespace", Types.VARCHAR, RegClass.class, Integer.MAX_VALUE),
    /** A row value ({@link SqlRecord}): {@code ROW(1, 'a')}, a FROM item's whole row; never a column type (42P16). */
    RECORD("record", Types.OTHER, SqlRecord.class, Integer.MAX_VALUE),
    /** Full text search: a document's lexemes with positions and weights ({@link TsVector}). */
    TSVECTOR("tsvector", Types.OTHER, TsVector.class, Integer.MAX_VALUE),
    /** Full text search: a query over lexemes ({@link TsQuery}). */
    TSQUERY("tsquery", Types.OTHER, TsQuery.class, Integer.MAX_VALUE),
    /**
     * A value of a user enum type ({@link EnumValue}); {@link SqlType#enumType()} says which type
     * (the length of {@link SqlType} holds its OID, so stored column types name it). Reported to
     * JDBC as VARCHAR, as pgjdbc does.
     */
    ENUM("enum", Types.VARCHAR, EnumValue.class, Integer.MAX_VALUE),
    /**
     * Only in stored column types: a column of a domain, whose OID the length holds. In memory a
     * domain column has its base type's kind and {@link SqlType#domain()} says which domain.
     */
    DOMAIN("domain", Types.OTHER, Object.class, 0),
    /** Range types ({@link Range}): a subtype's interval, with canonical forms for the discrete ones. */
    INT4RANGE("int4range", Types.OTHER, Range.class, Integer.MAX_VALUE),
    INT8RANGE("int8range", Types.OTHER, Range.class, Integer.MAX_VALUE),
    NUMRANGE("numrange", Types.OTHER, Range.class, Integer.MAX_VALUE),
    DATERANGE("daterange", Types.OTHER, Range.class, Integer.MAX_VALUE),
    TSRANGE("tsrange", Types.OTHER, Range.class, Integer.MAX_VALUE),
    TSTZRANGE("tstzrange", Types.OTHER, Range.class, Integer.MAX_VALUE);

    private final String sqlName;
    private final int jdbcType;
    private final Class<?> javaClass;
    private final int precision;

    TypeKind(String sqlName, int jdbcType, Class<?> javaClass, int precision) {
        this.sqlName = sqlName;
        this.jdbcType = jdbcType;
        this.javaClass = javaClass;
        this.precision = precision;
    }

    public String sqlName() { return sqlName; }
    public int jdbcType() { return jdbcType; }
    public Class<?> javaClass() { return javaClass; }
    /** Maximum precision in decimal digits (numbers) or characters (text). */
    public int precision() { return precision; }

    public boolean isInteger() { return this == SMALLINT || this == INTEGER || this == BIGINT; }
    public boolean isFloat() { return this == REAL || this == DOUBLE; }
    /** Integers, floats and numeric: the types arithmetic and SUM/AVG take. */
    public boolean isNumeric() { return isInteger() || isFloat() || this == NUMERIC; }
    /** date, timestamp and timestamptz: points in time that compare with each other. */
    public boolean isDateTime() { return this == DATE || this == TIMESTAMP || this == TIMESTAMPTZ; }
    public boolean isText() { return this == TEXT || this == VARCHAR; }
    /** The range types: int4range, int8range, numrange, daterange, tsrange, tstzrange. */
    public boolean isRange() { return ordinal() >= INT4RANGE.ordinal() && ordinal() <= TSTZRANGE.ordinal(); }

    /** The object identifier types: an OID that prints as a name (regclass, regtype, regproc, regnamespace). */
    public boolean isObjectIdentifier() {
        return this == REGCLASS || this == REGTYPE || this == REGPROC || this == REGNAMESPACE;
    }
    /** {@code vector} or {@code halfvec}: the pgvector types with dimensions. */
    public boolean isVector() { return this == VECTOR || this == HALFVEC; }
    /** {@code vector}, {@code halfvec} or {@code sparsevec}: pgvector's types with a dimensions typmod. */
    public boolean isPgvector() { return isVector() || this == SPARSEVEC; }
    /** Whether values have an order-preserving key encoding (primary keys, indexes). */
    public boolean isKeyable() { return this != JSON && this != UNKNOWN && this != JSONPATH && this != RECORD
            && this != TSVECTOR && this != TSQUERY; }
}
