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
            case java.time.LocalDateTime t -> SqlType.TIMESTAMP;
            case java.time.Instant i -> SqlType.TIMESTAMPTZ;
            case java.time.OffsetDateTime t -> SqlType.TIMESTAMPTZ;
            case io.kyrodb.engine.types.Interval i -> SqlType.INTERVAL;
            case Boolean b -> SqlType.BOOLEAN;
            case null, default -> SqlType.TEXT;
        };
    }

    /** A key for plan caching: the type kinds the values imply (they decide context-free parameter types). */
    public static byte[] signature(Object[] values) {
        byte[] kinds = new byte[values.length];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = (byte) typeOfValue(values[i]).kind().ordinal();
        }
        return kinds;
    }
}
