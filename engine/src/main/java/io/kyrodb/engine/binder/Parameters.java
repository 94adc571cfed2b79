package io.kyrodb.engine.binder;

import io.kyrodb.engine.types.SqlType;

import java.math.BigDecimal;

/**
 * The types of a statement's {@code ?} parameters. A parameter takes the type its context asks for
 * ({@code id = ?} takes id's type); where the context says nothing ({@code SELECT ?}) it takes the
 * type of the Java value bound to it, as the driver's setter implied.
 */
public final class Parameters {
    private final SqlType[] types;
    private final Object[] samples;

    public Parameters(Object[] samples) {
        this.samples = samples.clone();
        this.types = new SqlType[samples.length];
    }

    /** Fixes the type of each parameter {@code types} gives one for (PL/pgSQL variables: their declared types). */
    public void fix(SqlType[] fixed) {
        for (int i = 0; i < fixed.length && i < types.length; i++) {
            if (fixed[i] != null) {
                types[i] = fixed[i];
            }
        }
    }

    /** With the types PREPARE name (types) declared: a non-null {@code declared[i]} is $(i+1)'s type. */
    public Parameters(Object[] samples, SqlType[] declared) {
        this(samples);
        System.arraycopy(declared, 0, types, 0, Math.min(declared.length, types.length));
    }

    /** The index of the first parameter neither declared nor typed by a context (-1 when none): PREPARE's 42P18. */
    public int firstUntyped() {
        for (int i = 0; i < types.length; i++) {
            if (types[i] == null) {
                return i;
            }
        }
        return -1;
    }

    public int count() {
        return types.length;
    }

    SqlType typeFor(int index, SqlType hint) {
        if (types[index] != null) {
            return types[index];
        }
        SqlType t = hint != null && hint.kind() != io.kyrodb.engine.types.TypeKind.UNKNOWN ? hint : typeOfValue(samples[index]);
        types[index] = t;
        return t;
    }

    /**
     * {@code $n::type}: the parameter takes the cast's type when nothing typed it yet and no value
     * says otherwise (PREPARE binds with no values; a driver's bound value keeps its own type).
     */
    void castTarget(int index, SqlType target) {
        if (types[index] == null && samples[index] == null && target.kind() != io.kyrodb.engine.types.TypeKind.UNKNOWN) {
            types[index] = target;
        }
    }

    /** The inferred types, TEXT for parameters no expression used. */
    public SqlType[] types() {
        SqlType[] out = types.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                out[i] = typeOfValue(samples[i]);
            }
        }
        return out;
    }

    static SqlType typeOfValue(Object v) {
        return switch (v) {
            case Short s -> SqlType.SMALLINT;
            case Byte b -> SqlType.SMALLINT;
            case Integer i -> SqlType.INTEGER;
            case Long l -> SqlType.BIGINT;
            case Float f -> SqlType.REAL;
            case Double d -> SqlType.DOUBLE;
            case BigDecimal d -> SqlType.NUMERIC;
            case java.time.LocalDate d -> SqlType.DATE;
            case java.time.LocalTime t -> SqlType.TIME;
            case java.time.OffsetTime t -> SqlType.TIMETZ;
            case java.time.LocalDateTime t -> SqlType.TIMESTAMP;
            case java.time.Instant i -> SqlType.TIMESTAMPTZ;
            case java.time.OffsetDateTime t -> SqlType.TIMESTAMPTZ;
            case io.kyrodb.engine.types.Interval i -> SqlType.INTERVAL;
            case Boolean b -> SqlType.BOOLEAN;
            case java.util.UUID u -> SqlType.UUID;
            case byte[] b -> SqlType.BYTEA;
            case io.kyrodb.engine.types.Bytes b -> SqlType.BYTEA;
            case io.kyrodb.engine.types.Jsonb j -> SqlType.JSONB;
            case io.kyrodb.engine.types.SqlArray a -> SqlType.arrayOf(elementType(a.elements()));
            case int[] a -> SqlType.arrayOf(SqlType.INTEGER);
            case long[] a -> SqlType.arrayOf(SqlType.BIGINT);
            case short[] a -> SqlType.arrayOf(SqlType.SMALLINT);
            case double[] a -> SqlType.arrayOf(SqlType.DOUBLE);
            case boolean[] a -> SqlType.arrayOf(SqlType.BOOLEAN);
            case float[] a -> SqlType.TEXT;   // a vector: its context (a vector column or operator) types it
            case Object[] a -> SqlType.arrayOf(elementType(a));
            case null, default -> SqlType.TEXT;
        };
    }

    /** The element type a Java array's values imply: that of its first non-null element, else text. */
    private static SqlType elementType(Object[] elements) {
        for (Object e : elements) {
            if (e != null) {
                SqlType t = typeOfValue(e);
                return t.isArray() ? SqlType.TEXT : t;
            }
        }
        return SqlType.TEXT;
    }

    /** A key for plan caching: the type kinds the values imply (they decide context-free parameter types). */
    public static byte[] signature(Object[] values) {
        byte[] kinds = new byte[values.length];
        for (int i = 0; i < kinds.length; i++) {
            SqlType t = typeOfValue(values[i]);
            kinds[i] = (byte) (t.isArray() ? 64 + t.element().kind().ordinal() : t.kind().ordinal());
        }
        return kinds;
    }
}
