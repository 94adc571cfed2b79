package io.kyrodb.jdbc;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.vector.VectorArrays;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A numeric {@link Array} bound as a parameter ({@code setArray(i, conn.createArrayOf("real", floats))},
 * the way applications and pgvector-java bind embeddings) becomes a {@code float[]}, which the engine
 * takes for a {@code vector} or {@code halfvec} (or its text form for a text column). Works for any
 * {@code java.sql.Array} whose elements are numbers, text of numbers, or a primitive float/double array.
 * Errors are pgvector's ({@link VectorArrays}): nulls (22004), nested arrays (22000), NaN, infinities.
 */
final class VectorArrayParameter {
    /** The element type names (Postgres' and the JDBC spellings) whose arrays bind as vectors. */
    static final Set<String> NUMERIC_ELEMENT_TYPES = Set.of("real", "float4", "float", "float8", "double",
            "double precision", "numeric", "decimal", "int2", "smallint", "int4", "int", "integer", "int8", "bigint");

    private VectorArrayParameter() {
    }

    static boolean isNumeric(String typeName) {
        return typeName != null && NUMERIC_ELEMENT_TYPES.contains(typeName.strip().toLowerCase(Locale.ROOT));
    }

    static float[] toVector(int index, Array array) throws SQLException {
        Object elements = array.getArray();
        List<Object> list = new ArrayList<>();
        switch (elements) {
            case float[] f -> {
                for (float x : f) {
                    list.add(x);
                }
            }
            case double[] d -> {
                for (double x : d) {
                    list.add(x);
                }
            }
            case Object[] o -> list.addAll(Arrays.asList(o));
            case null, default -> throw SqlExceptions.create(SqlExceptions.UNSUPPORTED_CONVERSION, "parameter " + index
                    + ": an array of " + array.getBaseTypeName() + " cannot be bound as a vector");
        }
        try {
            return VectorArrays.toVector(list, -1, "vector");
        } catch (KyroException e) {
            throw SqlExceptions.from(new KyroException(e.state(), "parameter " + index + ": " + e.getMessage()));
        }
    }
}
