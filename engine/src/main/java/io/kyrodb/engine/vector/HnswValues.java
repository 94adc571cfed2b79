package io.kyrodb.engine.vector;

import io.kyrodb.engine.types.TypeKind;

/**
 * What an HNSW index holds of a column's values: {@code vector} values as they are, {@code halfvec}
 * values widened to float32 (exact: every float16 is a float32, and pgvector computes halfvec
 * distances on the widened elements too), so one graph format serves both, as pgvector's
 * {@code vector_*_ops} and {@code halfvec_*_ops} do.
 */
public final class HnswValues {
    private HnswValues() {
    }

    /** The float32 elements of a vector or halfvec value; null for NULL; anything else as it is. */
    public static float[] indexable(Object value) {
        return value instanceof HalfVector h ? h.toFloats() : (float[]) value;
    }

    /** The same, for a query value that may be of any type (not a vector: returned as it is). */
    public static Object query(Object value) {
        return value instanceof HalfVector h ? h.toFloats() : value;
    }

    /** pgvector's operator class name for {@code distance} over a column of {@code kind}. */
    public static String opclass(VectorDistance distance, TypeKind kind) {
        return kind == TypeKind.HALFVEC ? "half" + distance.opclass() : distance.opclass();
    }
}
