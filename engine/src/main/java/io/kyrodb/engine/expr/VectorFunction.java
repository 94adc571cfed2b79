package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;
import io.kyrodb.engine.vector.VectorDistance;

/**
 * pgvector's functions on {@code vector} values, and the distance operators, which are the same
 * functions under another name ({@code <->} is {@code l2_distance}). All are strict: NULL in, NULL out.
 * Two-vector functions fail with 22000 {@code different vector dimensions m and n}.
 */
public enum VectorFunction {
    L2_DISTANCE("l2_distance", 2, SqlType.DOUBLE),
    /** {@code <#>}; pgvector has no function of this name, only {@code inner_product}. */
    NEGATIVE_INNER_PRODUCT("vector_negative_inner_product", 2, SqlType.DOUBLE),
    INNER_PRODUCT("inner_product", 2, SqlType.DOUBLE),
    COSINE_DISTANCE("cosine_distance", 2, SqlType.DOUBLE),
    L1_DISTANCE("l1_distance", 2, SqlType.DOUBLE),
    VECTOR_DIMS("vector_dims", 1, SqlType.INTEGER),
    VECTOR_NORM("vector_norm", 1, SqlType.DOUBLE),
    /** The btree order's comparison: -1, 0 or 1 (element by element, then the shorter first). */
    VECTOR_CMP("vector_cmp", 2, SqlType.INTEGER),
    /** The vector divided by its norm (summed in double); a zero vector stays zero. */
    L2_NORMALIZE("l2_normalize", 1, SqlType.VECTOR);

    private final String sqlName;
    private final int arity;
    private final SqlType resultType;

    VectorFunction(String sqlName, int arity, SqlType resultType) {
        this.sqlName = sqlName;
        this.arity = arity;
        this.resultType = resultType;
    }

    public String sqlName() { return sqlName; }
    public int arity() { return arity; }
    public SqlType resultType() { return resultType; }

    /** The function called {@code name} in SQL, or null. */
    public static VectorFunction ofName(String name) {
        for (VectorFunction f : values()) {
            if (f.sqlName.equals(name) && f != NEGATIVE_INNER_PRODUCT) {
                return f;
            }
        }
        return null;
    }

    /** The function behind a distance operator ({@code <->}, {@code <#>}, {@code <=>}, {@code <+>}). */
    public static VectorFunction ofOperator(VectorDistance d) {
        return switch (d) {
            case L2 -> L2_DISTANCE;
            case NEGATIVE_INNER_PRODUCT -> NEGATIVE_INNER_PRODUCT;
            case COSINE -> COSINE_DISTANCE;
            case L1 -> L1_DISTANCE;
        };
    }

    private static float[] normalize(float[] a) {
        double norm = VectorDistance.norm(a);
        float[] out = new float[a.length];
        if (norm > 0) {
            for (int i = 0; i < a.length; i++) {
                out[i] = (float) (a[i] / norm);
            }
        }
        return out;
    }

    Object apply(float[] a, float[] b) {
        return switch (this) {
            case L2_DISTANCE -> VectorDistance.L2.distance(a, b);
            case NEGATIVE_INNER_PRODUCT -> VectorDistance.NEGATIVE_INNER_PRODUCT.distance(a, b);
            case INNER_PRODUCT -> {
                VectorDistance.checkSameDimensions(a, b);
                yield VectorDistance.innerProduct(a, b);
            }
            case COSINE_DISTANCE -> VectorDistance.COSINE.distance(a, b);
            case L1_DISTANCE -> VectorDistance.L1.distance(a, b);
            case VECTOR_DIMS -> a.length;
            case VECTOR_NORM -> VectorDistance.norm(a);
            case VECTOR_CMP -> Integer.signum(Values.compareVectors(a, b));
            case L2_NORMALIZE -> normalize(a);
        };
    }
}
