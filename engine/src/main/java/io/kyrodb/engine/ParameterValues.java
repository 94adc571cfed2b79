package io.kyrodb.engine;

import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;

import java.math.BigDecimal;

/** Converts the Java values a driver binds to {@code ?} parameters into values of the parameters' types. */
final class ParameterValues {
    private ParameterValues() {
    }

    static Object[] convert(Object[] values, SqlType[] types) {
        Object[] out = new Object[values.length];
        for (int i = 0; i < values.length; i++) {
            try {
                out[i] = convert(values[i], types[i]);
            } catch (KyroException e) {
                throw new KyroException(e.state(), "parameter $" + (i + 1) + ": " + e.getMessage());
            }
        }
        return out;
    }

    private static Object convert(Object v, SqlType type) {
        if (v != null && v.getClass() == type.kind().javaClass() && type.kind() != io.kyrodb.engine.types.TypeKind.VARCHAR
                && !type.kind().isVector()) {
            return v;   // already a value of the type: nothing to check or convert (varchar(n), vector(n) have limits)
        }
        Object plain = switch (v) {
            case null -> null;
            case Byte b -> (short) b;
            case Character c -> c.toString();
            case BigDecimal d -> type.kind().isInteger() ? integral(d, type) : (Object) d.doubleValue();
            case java.math.BigInteger b -> type.kind().isInteger() ? integral(new BigDecimal(b), type) : (Object) b.doubleValue();
            case Short s -> s;
            case Integer i -> i;
            case Long l -> l;
            case Float f -> f;
            case Double d -> d;
            case Boolean b -> b;
            case String s -> s;
            case float[] vector -> vector;
            case io.kyrodb.engine.vector.HalfVector half -> half;
            default -> throw new KyroException(SqlState.DATATYPE_MISMATCH, "a value of Java type "
                    + v.getClass().getName() + " cannot be used for a parameter of type " + type.displayName());
        };
        if (plain == null) {
            return null;
        }
        if (type.kind() == io.kyrodb.engine.types.TypeKind.BOOLEAN && plain instanceof Number) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "a number cannot be used for a boolean parameter: " + v);
        }
        if (plain instanceof Boolean && type.kind().isNumeric()) {
            throw new KyroException(SqlState.DATATYPE_MISMATCH, "a boolean cannot be used for a parameter of type "
                    + type.displayName());
        }
        return Casts.convert(plain, type, false);
    }

    private static Object integral(BigDecimal d, SqlType type) {
        try {
            return io.kyrodb.engine.types.Values.narrow(d.toBigIntegerExact(), type);
        } catch (ArithmeticException notWhole) {
            return io.kyrodb.engine.types.Values.roundToInteger(d.doubleValue(), type);
        }
    }
}
