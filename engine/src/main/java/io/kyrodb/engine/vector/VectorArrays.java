package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.math.BigDecimal;
import java.util.List;

/**
 * The vector side of pgvector's casts between SQL arrays and {@code vector}/{@code halfvec}
 * ({@code integer[]}, {@code real[]}, {@code double precision[]}, {@code numeric[]} to a vector,
 * a vector to {@code real[]}), and of JDBC's {@code createArrayOf("real", Float[])} bound to a
 * vector. An array is handed over as its elements ({@link #toVector(List, int, String)}): numbers
 * or nulls, and a nested {@link List} or {@code Object[]} for a multi-dimensional array;
 * {@code Casts} calls it with a {@code SqlArray}'s elements.
 * Errors follow pgvector's {@code array_to_vector}: 22004 {@code array must not contain nulls},
 * 22000 {@code array must be 1-D}, NaN and infinities refused (a double that overflows float32 is
 * an infinity), at least 1 and at most 16000 dimensions, and the target's {@code vector(n)}.
 */
public final class VectorArrays {
    private VectorArrays() {
    }

    /**
     * The vector of a one-dimensional array's elements; {@code type} is {@code vector} or
     * {@code halfvec} (for messages); {@code expectedDimensions} is n of {@code vector(n)}, or -1.
     */
    public static float[] toVector(List<?> elements, int expectedDimensions, String type) {
        return toVector(elements, expectedDimensions, type, VectorText.MAX_DIMENSIONS);
    }

    /**
     * pgvector's {@code array_to_sparsevec}: the array's elements as a dense vector of up to
     * 1,000,000 dimensions, its zeros dropped (54000 past 16000 non-zero elements).
     */
    public static SparseVector toSparseVector(List<?> elements, int expectedDimensions) {
        if (elements.size() > SparseVector.MAX_DIMENSIONS) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "sparsevec cannot have more than " + SparseVector.MAX_DIMENSIONS + " dimensions");
        }
        return SparseVector.ofDense(toVector(elements, expectedDimensions, "sparsevec", SparseVector.MAX_DIMENSIONS));
    }

    private static float[] toVector(List<?> elements, int expectedDimensions, String type, int maxDimensions) {
        float[] out = new float[elements.size()];
        for (int i = 0; i < out.length; i++) {
            Object e = elements.get(i);
            if (e instanceof List<?> || e instanceof Object[]) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "array must be 1-D");
            }
        }
        for (int i = 0; i < out.length; i++) {
            Object e = elements.get(i);
            if (e == null) {
                throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED, "array must not contain nulls");
            }
            out[i] = element(e, type);
        }
        if (out.length == 0) {
            throw new KyroException(SqlState.DATA_EXCEPTION, type + " must have at least 1 dimension");
        }
        if (out.length > maxDimensions) {
            throw VectorText.tooMany(type);
        }
        VectorText.checkDimensions(out.length, expectedDimensions);
        return out;
    }

    /** {@link #toVector} rounded to float16 (22003 past 65504). */
    public static HalfVector toHalfVector(List<?> elements, int expectedDimensions) {
        return HalfVector.of(toVector(elements, expectedDimensions, "halfvec"));
    }

    /** A vector's elements as a {@code real[]} array's: boxed floats. */
    public static Float[] toRealArray(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static float element(Object e, String type) {
        float f = switch (e) {
            case Float x -> x;
            case Double d -> (float) d.doubleValue();
            case BigDecimal d -> d.floatValue();
            case Number n -> n.floatValue();
            case String s -> parseElement(s, type);
            default -> throw new KyroException(SqlState.DATATYPE_MISMATCH, "cannot convert an array element of "
                    + e.getClass().getSimpleName() + " to " + type);
        };
        if (Float.isNaN(f)) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "NaN not allowed in " + type);
        }
        if (Float.isInfinite(f)) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "infinite value not allowed in " + type);
        }
        return f;
    }

    /** A text element (JDBC's {@code createArrayOf("real", new String[]{...})}) read as float8 then narrowed. */
    private static float parseElement(String s, String type) {
        try {
            return (float) Double.parseDouble(s.strip());
        } catch (NumberFormatException bad) {
            throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                    "invalid input syntax for type real: \"" + s + "\" (an element of an array cast to " + type + ")");
        }
    }
}
