package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.BitString;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;
import io.kyrodb.engine.vector.HalfVector;
import io.kyrodb.engine.vector.SparseDistance;
import io.kyrodb.engine.vector.SparseVector;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorText;

/**
 * pgvector's functions on {@code vector} values, and the distance operators, which are the same
 * functions under another name ({@code <->} is {@code l2_distance}). All are strict: NULL in, NULL out.
 * Two-vector functions fail with 22000 {@code different vector dimensions m and n}.
 */
public enum VectorFunction {
    L2_DISTANCE("l2_distance", SqlType.DOUBLE, SqlType.VECTOR, SqlType.VECTOR),
    /** {@code <#>}; pgvector has no function of this name, only {@code inner_product}. */
    NEGATIVE_INNER_PRODUCT("vector_negative_inner_product", SqlType.DOUBLE, SqlType.VECTOR, SqlType.VECTOR),
    INNER_PRODUCT("inner_product", SqlType.DOUBLE, SqlType.VECTOR, SqlType.VECTOR),
    COSINE_DISTANCE("cosine_distance", SqlType.DOUBLE, SqlType.VECTOR, SqlType.VECTOR),
    L1_DISTANCE("l1_distance", SqlType.DOUBLE, SqlType.VECTOR, SqlType.VECTOR),
    VECTOR_DIMS("vector_dims", SqlType.INTEGER, SqlType.VECTOR),
    VECTOR_NORM("vector_norm", SqlType.DOUBLE, SqlType.VECTOR),
    /** pgvector's name of the norm for halfvec (and, through the implicit cast, vector). */
    L2_NORM("l2_norm", SqlType.DOUBLE, SqlType.VECTOR),
    /** {@code binary_quantize(v)}: a bit string, 1 for each element above 0, else 0. */
    BINARY_QUANTIZE("binary_quantize", SqlType.VARBIT, SqlType.VECTOR),
    /** {@code hamming_distance(bit, bit)}, {@code <~>}: the bits that differ (22000 for different lengths). */
    HAMMING_DISTANCE("hamming_distance", SqlType.DOUBLE, SqlType.VARBIT, SqlType.VARBIT),
    /** {@code jaccard_distance(bit, bit)}, {@code <%>}: 1 - |a and b| / |a or b|. */
    JACCARD_DISTANCE("jaccard_distance", SqlType.DOUBLE, SqlType.VARBIT, SqlType.VARBIT),
    /** The btree order's comparison: -1, 0 or 1 (element by element, then the shorter first). */
    VECTOR_CMP("vector_cmp", SqlType.INTEGER, SqlType.VECTOR, SqlType.VECTOR),
    /** The vector divided by its norm (summed in double); a zero vector stays zero. */
    L2_NORMALIZE("l2_normalize", SqlType.VECTOR, SqlType.VECTOR),
    /** {@code +}, {@code -}, {@code *}: element by element in float32, 22003 on overflow (and underflow for *). */
    VECTOR_ADD("vector_add", SqlType.VECTOR, SqlType.VECTOR, SqlType.VECTOR),
    VECTOR_SUB("vector_sub", SqlType.VECTOR, SqlType.VECTOR, SqlType.VECTOR),
    VECTOR_MUL("vector_mul", SqlType.VECTOR, SqlType.VECTOR, SqlType.VECTOR),
    /** {@code ||}: the elements of both, at most 16000 (54000 past it). */
    VECTOR_CONCAT("vector_concat", SqlType.VECTOR, SqlType.VECTOR, SqlType.VECTOR),
    /** {@code subvector(v, start, count)}: elements start..start+count-1 (1-based), clipped to v. */
    SUBVECTOR("subvector", SqlType.VECTOR, SqlType.VECTOR, SqlType.INTEGER, SqlType.INTEGER);

    private final String sqlName;
    private final SqlType resultType;
    private final SqlType[] parameterTypes;

    VectorFunction(String sqlName, SqlType resultType, SqlType... parameterTypes) {
        this.sqlName = sqlName;
        this.resultType = resultType;
        this.parameterTypes = parameterTypes;
    }

    public String sqlName() { return sqlName; }
    public int arity() { return parameterTypes.length; }
    public SqlType resultType() { return resultType; }
    public SqlType parameterType(int i) { return parameterTypes[i]; }

    /** Whether pgvector defines it for {@code vector} only (not for {@code halfvec}). */
    public boolean onlyVector() {
        return this == VECTOR_NORM;
    }

    /** Whether pgvector defines it for {@code sparsevec} too. */
    public boolean onSparse() {
        return switch (this) {
            case L2_DISTANCE, NEGATIVE_INNER_PRODUCT, INNER_PRODUCT, COSINE_DISTANCE, L1_DISTANCE, L2_NORM,
                 L2_NORMALIZE, VECTOR_CMP -> true;
            default -> false;
        };
    }

    /** The result for non-null sparsevec arguments (a function {@link #onSparse()} says it takes). */
    Object applyToSparse(Object[] args) {
        SparseVector a = (SparseVector) args[0];
        SparseVector b = args.length > 1 ? (SparseVector) args[1] : null;
        return switch (this) {
            case L2_DISTANCE -> SparseDistance.l2(a, b);
            case NEGATIVE_INNER_PRODUCT -> -SparseDistance.innerProduct(a, b);
            case INNER_PRODUCT -> SparseDistance.innerProduct(a, b);
            case COSINE_DISTANCE -> SparseDistance.cosine(a, b);
            case L1_DISTANCE -> SparseDistance.l1(a, b);
            case L2_NORM -> SparseDistance.norm(a);
            case L2_NORMALIZE -> SparseDistance.normalize(a);
            case VECTOR_CMP -> SparseVector.compare(a, b);
            default -> throw new IllegalStateException(sqlName + " does not take a sparsevec");
        };
    }

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

    /** pgvector's clipping: in 64-bit, start below 1 moves to 1, the end past the last element to it. */
    private static float[] subvector(float[] a, int start, int count) {
        long from = Math.max(start, 1L);
        long to = Math.min((long) start + count, a.length + 1L);
        if (to - from < 1) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "vector must have at least 1 dimension");
        }
        return java.util.Arrays.copyOfRange(a, (int) from - 1, (int) to - 1);
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

    /**
     * The result for non-null arguments that are halfvecs where the parameter is a vector: computed
     * on the widened elements, a vector result rounded back to a halfvec (22003 on overflow, and
     * on underflow for {@code *}).
     */
    Object applyToHalves(Object[] args) {
        Object[] widened = args.clone();
        for (int i = 0; i < widened.length; i++) {
            if (widened[i] instanceof HalfVector h) {
                widened[i] = h.toFloats();
            }
        }
        if (this == VECTOR_CONCAT && ((float[]) widened[0]).length + ((float[]) widened[1]).length > VectorText.MAX_DIMENSIONS) {
            throw VectorText.tooMany("halfvec");
        }
        Object result = apply(widened);
        if (!(result instanceof float[] v)) {
            return result;
        }
        HalfVector half = HalfVector.ofArithmetic(v);
        if (this == VECTOR_MUL) {
            for (int i = 0; i < half.dimensions(); i++) {
                if ((half.bits(i) & 0x7fff) == 0 && v[i] != 0) {
                    throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: underflow");
                }
            }
        }
        return half;
    }

    /** The result for non-null arguments of the parameter types. */
    Object apply(Object[] args) {
        if (this == HAMMING_DISTANCE) {
            return (double) BitString.hamming((BitString) args[0], (BitString) args[1]);
        }
        if (this == JACCARD_DISTANCE) {
            return BitString.jaccard((BitString) args[0], (BitString) args[1]);
        }
        float[] a = (float[]) args[0];
        float[] b = args.length > 1 && args[1] instanceof float[] v ? v : null;
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
            case VECTOR_NORM, L2_NORM -> VectorDistance.norm(a);
            case BINARY_QUANTIZE -> {
                byte[] bits = new byte[(a.length + 7) / 8];
                for (int i = 0; i < a.length; i++) {
                    if (a[i] > 0) {
                        bits[i >> 3] |= (byte) (0x80 >>> (i & 7));
                    }
                }
                yield BitString.of(a.length, bits);
            }
            case HAMMING_DISTANCE, JACCARD_DISTANCE -> throw new IllegalStateException("handled above");
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
            case SUBVECTOR -> subvector(a, (Integer) args[1], (Integer) args[2]);
        };
    }
}
