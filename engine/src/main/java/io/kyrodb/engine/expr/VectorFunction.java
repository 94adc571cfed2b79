package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorText;

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
    L2_NORMALIZE("l2_normalize", 1, SqlType.VECTOR),
    /** {@code +}, {@code -}, {@code *}: element by element in float32, 22003 on overflow (and underflow for *). */
    VECTOR_ADD("vector_add", 2, SqlType.VECTOR),
    VECTOR_SUB("vector_sub", 2, SqlType.VECTOR),
    VECTOR_MUL("vector_mul", 2, SqlType.VECTOR),
    /** {@code ||}: the elements of both, at most 16000 (54000 past it). */
    VECTOR_CONCAT("vector_concat", 2, SqlType.VECTOR);

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

    private float[] elementwise(float[] a, float[] b) {
        VectorDistance.checkSameDimensions(a, b);
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            float r = switch (this) {
                case VECTOR_ADD -> a[i] + b[i];
                case VECTOR_SUB -> a[i] - b[i];
                default -> a[i] * b[i];
            };
            if (Float.isInfinite(r)) {
                throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
            if (this == VECTOR_MUL && r == 0 && a[i] != 0 && b[i] != 0) {
                throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
            }
            out[i] = r;
        }
        return out;
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
            case VECTOR_ADD, VECTOR_SUB, VECTOR_MUL -> elementwise(a, b);
            case VECTOR_CONCAT -> {
                if (a.length + b.length > VectorText.MAX_DIMENSIONS) {
                    throw VectorText.tooMany();
                }
                float[] out = java.util.Arrays.copyOf(a, a.length + b.length);
                System.arraycopy(b, 0, out, a.length, b.length);
                yield out;
            }
        };
    }
}
