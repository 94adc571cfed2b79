package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.vector.HalfVector;
import io.kyrodb.engine.vector.SparseVector;
import io.kyrodb.engine.vector.VectorArrays;
import io.kyrodb.engine.vector.VectorText;

/**
 * Which conversions exist between types and how values are converted, after Postgres's casting
 * rules: implicit casts (numeric promotion) apply inside expressions, assignment casts when a value
 * is stored into a column, explicit casts with {@code CAST} or {@code ::}.
 */
public final class Casts {
    private Casts() {
    }

    /** Whether {@code from} is converted to {@code to} silently inside an expression. */
    public static boolean implicit(SqlType from, SqlType to) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (f == TypeKind.ARRAY && t == TypeKind.ARRAY) {
            return implicit(from.element(), to.element());
        }
        if (f == TypeKind.VECTOR && t == TypeKind.ARRAY) {
            return to.element().kind() == TypeKind.REAL;   // pgvector's implicit vector -> real[]
        }
        if (f == TypeKind.ENUM || t == TypeKind.ENUM) {
            return f == TypeKind.UNKNOWN || from.equals(to);   // one enum type converts to no other silently
        }
        if (f == t || f == TypeKind.UNKNOWN) {
            return true;
        }
        if (f.isText() && t.isText()) {
            return true;
        }
        if (f == TypeKind.VECTOR && t == TypeKind.HALFVEC) {
            return true;   // pgvector's cast vector -> halfvec is implicit
        }
        if (f == TypeKind.TIME && t == TypeKind.TIMETZ) {
            return true;   // Postgres's time -> timetz is implicit
        }
        if (f.isObjectIdentifier() && t.isInteger()) {
            return true;   // regclass -> oid is binary-coercible in Postgres; KyroDB's oids are bigint
        }
        if (f.isVector() && t == TypeKind.SPARSEVEC) {
            return true;   // and so are vector -> sparsevec and halfvec -> sparsevec
        }
        // smallint -> integer -> bigint -> numeric -> real -> double precision; date -> timestamp -> timestamptz
        return (f.isNumeric() && t.isNumeric() && rank(f) <= rank(t))
                || (f.isDateTime() && t.isDateTime() && rank(f) <= rank(t));
    }

    /** Whether a value of {@code from} may be stored into a column of type {@code to}. */
    public static boolean assignable(SqlType from, SqlType to) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (f == TypeKind.ARRAY) {
            return (t == TypeKind.ARRAY && assignable(from.element(), to.element())) || t.isText()
                    || (t.isPgvector() && from.element().kind().isNumeric());   // pgvector's array -> vector/halfvec/sparsevec
        }
        if (t == TypeKind.ARRAY) {
            return f == TypeKind.UNKNOWN || (f.isVector() && to.element().kind() == TypeKind.REAL);
        }
        if (t == TypeKind.ENUM) {
            return f == TypeKind.UNKNOWN || from.equals(to);   // text -> enum only by an explicit cast
        }
        if (f == TypeKind.ENUM) {
            return t.isText();   // the I/O conversion to a string type is an assignment cast
        }
        return f == t || f == TypeKind.UNKNOWN || (f.isNumeric() && t.isNumeric()) || t.isText()
                || (f.isObjectIdentifier() && t.isNumeric())
                || (f.isPgvector() && t.isPgvector())
                || (f.isDateTime() && t.isDateTime())
                || (t == TypeKind.TIME && (f == TypeKind.TIMESTAMP || f == TypeKind.TIMESTAMPTZ || f == TypeKind.INTERVAL
                    || f == TypeKind.TIMETZ))
                || (t == TypeKind.TIMETZ && (f == TypeKind.TIME || f == TypeKind.TIMESTAMPTZ));
    }

    /** Whether {@code CAST(from AS to)} exists. */
    public static boolean explicit(SqlType from, SqlType to) {
        TypeKind f = from.kind();
        TypeKind t = to.kind();
        if (f == TypeKind.ARRAY && t == TypeKind.ARRAY) {
            return explicit(from.element(), to.element());
        }
        if ((f == TypeKind.JSON && t == TypeKind.JSONB) || (f == TypeKind.JSONB && t == TypeKind.JSON)) {
            return true;
        }
        if (f == TypeKind.JSONB && (t.isNumeric() || t == TypeKind.BOOLEAN)) {
            return true;   // Postgres 11+: a jsonb number or boolean to the SQL type
        }
        return assignable(from, to) || f.isText()
                || (f == TypeKind.BOOLEAN && t == TypeKind.INTEGER)
                || (f == TypeKind.INTEGER && t == TypeKind.BOOLEAN)
                || (f == TypeKind.TIME && t == TypeKind.INTERVAL);
    }

    /**
     * The common type two operands are promoted to, or null when they have none; UNKNOWN when both
     * are untyped (the caller decides, usually text).
     */
    public static SqlType common(SqlType a, SqlType b) {
        if (a.kind() == TypeKind.UNKNOWN) {
            return b;
        }
        if (b.kind() == TypeKind.UNKNOWN || a.equals(b)) {
            return a;
        }
        if (a.kind() == TypeKind.ENUM || b.kind() == TypeKind.ENUM) {
            return null;   // an enum meets only itself (and untyped literals)
        }
        if (a.kind() == b.kind() && (a.kind() == TypeKind.NUMERIC || a.kind() == TypeKind.TIMESTAMP
                || a.kind() == TypeKind.TIMESTAMPTZ || a.kind() == TypeKind.INTERVAL)) {
            return SqlType.of(a.kind());   // numeric(5,2) and numeric(10,0) meet in numeric
        }
        if (a.kind().isNumeric() && b.kind().isNumeric()) {
            if ((a.kind() == TypeKind.NUMERIC && b.kind().isFloat()) || (b.kind() == TypeKind.NUMERIC && a.kind().isFloat())) {
                return SqlType.DOUBLE;   // Postgres has no numeric-real operators: both go to float8
            }
            SqlType wider = rank(a.kind()) >= rank(b.kind()) ? a : b;
            return wider.kind() == TypeKind.NUMERIC ? SqlType.NUMERIC : wider;
        }
        if (a.kind().isDateTime() && b.kind().isDateTime()) {
            return SqlType.of(rank(a.kind()) >= rank(b.kind()) ? a.kind() : b.kind());
        }
        if (a.kind().isText() && b.kind().isText()) {
            if ((a.blankPadded() || b.blankPadded()) && a.kind() == TypeKind.VARCHAR && b.kind() == TypeKind.VARCHAR) {
                return SqlType.bpchar(0);   // character(n) and varchar meet in bpchar (trailing spaces ignored), as PostgreSQL
            }
            return SqlType.TEXT;
        }
        if ((a.kind().isObjectIdentifier() && b.kind().isInteger()) || (b.kind().isObjectIdentifier() && a.kind().isInteger())) {
            return SqlType.BIGINT;   // c.oid = 't'::regclass compares OIDs
        }
        if (a.kind() == TypeKind.BIT && b.kind() == TypeKind.BIT) {
            return SqlType.VARBIT;   // bit strings of different lengths compare as bit varying
        }
                if (a.kind() == TypeKind.ARRAY && b.kind() == TypeKind.ARRAY) {
            SqlType element = common(a.element(), b.element());
            return element == null ? null : SqlType.arrayOf(element);
        }
        if (a.kind() == b.kind()) {
            return a;
        }
        if ((a.kind() == TypeKind.TIME && b.kind() == TypeKind.TIMETZ) || (a.kind() == TypeKind.TIMETZ && b.kind() == TypeKind.TIME)) {
            return SqlType.TIMETZ;
        }
        if (a.kind().isVector() && b.kind().isVector()) {
            return SqlType.HALFVEC;   // vector -> halfvec is the implicit direction
        }
        if (a.kind().isPgvector() && b.kind().isPgvector()) {
            return SqlType.SPARSEVEC;   // and vector, halfvec -> sparsevec
        }
        return null;
    }

    private static int rank(TypeKind k) {
        return switch (k) {
            case SMALLINT -> 0;
            case INTEGER -> 1;
            case BIGINT -> 2;
            case NUMERIC -> 3;
            case REAL -> 4;
            case DOUBLE -> 5;
            case DATE -> 10;
            case TIMESTAMP -> 11;
            case TIMESTAMPTZ -> 12;
            default -> -1;
        };
    }

    /**
     * Converts a non-null value to {@code to}. {@code explicit} makes varchar(n) truncate instead of
     * failing, as Postgres's explicit casts do.
     */
    public static Object convert(Object v, SqlType to, boolean explicit) {
        if (v == null) {
            return null;
        }
        TypeKind t = to.kind();
        return switch (v) {
            case TsVector tv -> switch (t) {
                case TSVECTOR -> tv;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(tv.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case TsQuery tq -> switch (t) {
                case TSQUERY -> tq;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(tq.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case Range r -> switch (t) {
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(r.toString(), to, explicit);
                default -> {
                    if (t != r.kind()) {
                        throw cannotCast(v, to);
                    }
                    yield r;
                }
            };
            case SqlRecord r -> switch (t) {   // a record casts to text as it prints: (1,a)
                case RECORD -> r;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(r.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case RegClass r -> switch (t) {
                case REGCLASS, REGTYPE, REGPROC, REGNAMESPACE -> r;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(r.name(), to, explicit);
                default -> {
                    if (!t.isNumeric()) {
                        throw cannotCast(v, to);
                    }
                    yield convert(r.oid(), to, explicit);
                }
            };
            case float[] vector -> switch (t) {
                case VECTOR -> {
                    VectorText.checkDimensions(vector.length, to.length() > 0 ? to.length() : -1);
                    yield vector;
                }
                case HALFVEC -> {
                    VectorText.checkDimensions(vector.length, to.length() > 0 ? to.length() : -1);
                    yield HalfVector.of(vector);
                }
                case SPARSEVEC -> {
                    VectorText.checkDimensions(vector.length, to.length() > 0 ? to.length() : -1);
                    yield SparseVector.ofDense(vector);
                }
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(vector), to, explicit);
                case ARRAY -> {
                    Object[] out = new Object[vector.length];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = convert(vector[i], to.element(), explicit);
                    }
                    yield SqlArray.of(out);
                }
                default -> throw cannotCast(v, to);
            };
            case String s when t == TypeKind.ENUM -> to.enumType().parse(s);
            case EnumValue e -> switch (t) {
                case ENUM -> {
                    if (to.enumType() == null) {
                        yield e;
                    }
                    EnumValue current = to.enumType().current(e);
                    yield current;
                }
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(e.label(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case String s when t == TypeKind.BIT -> BitString.fit(BitString.parse(s), to, explicit);   // '10'::bit(3) pads
            case String s -> t.isText() ? Values.checkLength(s, to, explicit) : Values.parse(s, to);   // json: text
            case java.util.UUID u -> switch (t) {
                case UUID -> u;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(u.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case Bytes b -> switch (t) {
                case BYTEA -> b;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(b.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case io.kyrodb.engine.types.jsonpath.JsonPath p -> switch (t) {
                case JSONPATH -> p;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(p.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case Jsonb j -> switch (t) {
                case JSONB -> j;
                case JSON -> j.toString();
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(j.toString(), to, explicit);
                case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE, BOOLEAN -> fromJsonb(j, to);
                default -> throw cannotCast(v, to);
            };
            case SqlArray a when a.ndims() > 1 && (t.isVector() || t == TypeKind.SPARSEVEC) ->
                    throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.DATA_EXCEPTION, "array must be 1-D");   // pgvector's message
            case SqlArray a -> switch (t) {
                case ARRAY -> convertElements(a, to.element(), explicit);
                case VECTOR -> VectorArrays.toVector(java.util.Arrays.asList(a.elements()), to.length() > 0 ? to.length() : -1, "vector");
                case HALFVEC -> VectorArrays.toHalfVector(java.util.Arrays.asList(a.elements()), to.length() > 0 ? to.length() : -1);
                case SPARSEVEC -> VectorArrays.toSparseVector(java.util.Arrays.asList(a.elements()), to.length() > 0 ? to.length() : -1);
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(a.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case HalfVector half -> switch (t) {
                case HALFVEC, VECTOR -> {
                    VectorText.checkDimensions(half.dimensions(), to.length() > 0 ? to.length() : -1);
                    yield t == TypeKind.HALFVEC ? half : half.toFloats();
                }
                case SPARSEVEC -> convert(half.toFloats(), to, explicit);
                case ARRAY -> convert(half.toFloats(), to, explicit);
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(half), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case SparseVector sparse -> switch (t) {
                case SPARSEVEC -> {
                    VectorText.checkDimensions(sparse.dimensions(), to.length() > 0 ? to.length() : -1);
                    yield sparse;
                }
                case VECTOR, HALFVEC -> {
                    float[] dense = sparse.toDense(t.sqlName());
                    VectorText.checkDimensions(dense.length, to.length() > 0 ? to.length() : -1);
                    yield t == TypeKind.HALFVEC ? HalfVector.of(dense) : dense;
                }
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(sparse), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case BitString bits -> switch (t) {
                case BIT -> BitString.fit(bits, to, explicit);
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(bits.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case Boolean b -> switch (t) {
                case BOOLEAN -> b;
                case INTEGER -> b ? 1 : 0;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(b), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case java.math.BigDecimal d -> fromDecimal(d, to, explicit);
            case java.time.LocalDate d -> switch (t) {
                case DATE -> d;
                case TIMESTAMP -> DateTimes.toTimestamp(d);
                case TIMESTAMPTZ -> DateTimes.toTimestamptz(DateTimes.toTimestamp(d));
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(d), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case java.time.LocalDateTime ts -> switch (t) {
                case TIMESTAMP -> DateTimes.fit(ts, to);
                case TIMESTAMPTZ -> DateTimes.fit(DateTimes.toTimestamptz(ts), to);
                case DATE -> DateTimes.toDate(ts);
                case TIME -> DateTimes.fitTime(ts.toLocalTime(), to);
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(ts), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case java.time.Instant i -> switch (t) {
                case TIMESTAMPTZ -> DateTimes.fit(i, to);
                case TIMESTAMP -> DateTimes.fit(DateTimes.toTimestamp(i), to);
                case DATE -> DateTimes.toDate(DateTimes.toTimestamp(i));
                case TIME -> DateTimes.fitTime(DateTimes.toTimestamp(i).toLocalTime(), to);
                case TIMETZ -> TimeTz.fit(TimeTz.of(i), to);
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(i), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case java.time.OffsetTime time -> switch (t) {
                case TIMETZ -> TimeTz.fit(time, to);
                case TIME -> DateTimes.fitTime(time.toLocalTime(), to);
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(time), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case java.time.LocalTime time -> switch (t) {
                case TIME -> DateTimes.fitTime(time, to);
                case TIMETZ -> TimeTz.fit(TimeTz.of(time), to);
                case INTERVAL -> IntervalTypmod.fit(new Interval(0, 0, time.toNanoOfDay() / 1000), to.length());
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(time), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case Interval i -> switch (t) {
                case INTERVAL -> IntervalTypmod.fit(i, to.length());
                case TIME -> DateTimes.fitTime(
                        java.time.LocalTime.ofNanoOfDay(Math.floorMod(i.micros(), Interval.MICROS_PER_DAY) * 1000), to);
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(i), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case NumericSpecial n -> switch (t) {
                case NUMERIC -> Numerics.fit(n, to);
                case DOUBLE -> n.doubleValue();
                case REAL -> n.floatValue();
                case SMALLINT, INTEGER, BIGINT -> throw n.cannotConvertTo(to.displayName());
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(n.toString(), to, explicit);
                default -> throw cannotCast(v, to);
            };
            case Double d -> fromFloat(d, to, explicit);
            case Float f -> t == TypeKind.TEXT || t == TypeKind.VARCHAR || t == TypeKind.UNKNOWN
                    ? Values.checkLength(Values.toText(f), to, explicit)   // real's own digits: 0.33333334, not the double's
                    : fromFloat(f, to, explicit);
            case Number n -> switch (t) {
                case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> Values.narrow(n.longValue(), to);
                case NUMERIC -> Numerics.of(n, to);
                case BOOLEAN -> n.longValue() != 0;
                case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(v), to, explicit);
                default -> throw cannotCast(v, to);
            };
            default -> throw cannotCast(v, to);
        };
    }

    private static SqlArray convertElements(SqlArray a, SqlType element, boolean explicit) {
        Object[] out = new Object[a.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = convert(a.get(i), element, explicit);
        }
        return a.withElements(out);
    }

    /** {@code jsonb::integer} and the like: only a JSON number (or boolean, for boolean) converts (22023). */
    private static Object fromJsonb(Jsonb j, SqlType to) {
        Object root = j.root();
        if (to.kind() == TypeKind.BOOLEAN) {
            if (root instanceof Boolean b) {
                return b;
            }
        } else if (root instanceof java.math.BigDecimal d) {
            return to.kind().isInteger() ? Values.roundToInteger(d.doubleValue(), to) : convert(d.doubleValue(), to, true);
        }
        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "cannot cast jsonb " + Jsonb.typeOf(root)
                + " to type " + to.displayName());
    }

    private static Object fromFloat(double d, SqlType to, boolean explicit) {
        return switch (to.kind()) {
            case SMALLINT, INTEGER, BIGINT -> Values.roundToInteger(d, to);
            case DOUBLE -> d;
            case NUMERIC -> Numerics.of(d, to);
            case REAL -> {
                float f = (float) d;
                if (Float.isInfinite(f) && !Double.isInfinite(d)) {
                    throw Values.outOfRange(to, Values.toText(d));
                }
                if (f == 0 && d != 0) {
                    throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                            "value out of range: underflow: " + Values.toText(d));
                }
                yield f;
            }
            case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(d), to, explicit);
            default -> throw cannotCast(d, to);
        };
    }

    private static Object fromDecimal(java.math.BigDecimal d, SqlType to, boolean explicit) {
        return switch (to.kind()) {
            case NUMERIC -> Numerics.fit(d, to);
            case SMALLINT, INTEGER, BIGINT -> Numerics.toInteger(d, to);
            case DOUBLE, REAL -> fromFloat(d.doubleValue(), to, explicit);
            case TEXT, VARCHAR, UNKNOWN -> Values.checkLength(Values.toText(d), to, explicit);
            default -> throw cannotCast(d, to);
        };
    }

    private static KyroException cannotCast(Object v, SqlType to) {
        return new KyroException(SqlState.CANNOT_COERCE,
                "cannot cast value " + Values.abbreviate(String.valueOf(Values.toText(v))) + " to type " + to.displayName());
    }
}
