package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * pgvector's distances, computed as pgvector computes them so the values agree: the sums run in
 * float, element by element in order ({@link VectorKernels#SCALAR}), and the result is widened to
 * double ({@code vector_norm} and cosine's final division run in double). The reference every
 * SQL function and reported distance uses.
 */
public enum VectorDistance {
    /** {@code <->}, {@code l2_distance}. */
    L2("<->", "vector_l2_ops") {
        @Override
        public double distance(float[] a, float[] b) {
            return Math.sqrt(l2Squared(a, b));
        }
    },
    /** {@code <#>}: the negative inner product, so smaller is closer. */
    NEGATIVE_INNER_PRODUCT("<#>", "vector_ip_ops") {
        @Override
        public double distance(float[] a, float[] b) {
            return -innerProduct(a, b);
        }
    },
    /** {@code <=>}, {@code cosine_distance}: NaN when either vector is zero. */
    COSINE("<=>", "vector_cosine_ops") {
        @Override
        public double distance(float[] a, float[] b) {
            return cosineDistance(a, b);
        }
    },
    /** {@code <+>}, {@code l1_distance}. */
    L1("<+>", "vector_l1_ops") {
        @Override
        public double distance(float[] a, float[] b) {
            return l1(a, b);
        }
    };

    private final String operator;
    private final String opclass;

    VectorDistance(String operator, String opclass) {
        this.operator = operator;
        this.opclass = opclass;
    }

    public String operator() {
        return operator;
    }

    /** The operator class that indexes this distance, e.g. {@code vector_cosine_ops}. */
    public String opclass() {
        return opclass;
    }

    /** The distance between two vectors of the same dimensions (checked). */
    public abstract double distance(float[] a, float[] b);

    /**
     * {@code out[i] = distance(q, vectors[i])} for {@code i < n}, bit for bit, L2 and the inner
     * product four vectors at a time ({@link InterleavedKernels}).
     */
    public void distances(float[] q, float[][] vectors, int n, double[] out) {
        int i = 0;
        if (this == L2 || this == NEGATIVE_INNER_PRODUCT) {
            float[] sums = new float[4];
            for (; i + 4 <= n; i += 4) {
                float[] b0 = vectors[i];
                float[] b1 = vectors[i + 1];
                float[] b2 = vectors[i + 2];
                float[] b3 = vectors[i + 3];
                checkSameDimensions(q, b0);
                checkSameDimensions(q, b1);
                checkSameDimensions(q, b2);
                checkSameDimensions(q, b3);
                if (this == L2) {
                    InterleavedKernels.l2Squared(q, b0, b1, b2, b3, sums);
                    for (int j = 0; j < 4; j++) {
                        out[i + j] = Math.sqrt(sums[j]);
                    }
                } else {
                    InterleavedKernels.dot(q, b0, b1, b2, b3, sums);
                    for (int j = 0; j < 4; j++) {
                        out[i + j] = -(double) sums[j];
                    }
                }
            }
        }
        for (; i < n; i++) {
            out[i] = distance(q, vectors[i]);
        }
    }

    public static VectorDistance ofOperator(String op) {
        for (VectorDistance d : values()) {
            if (d.operator.equals(op)) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a vector distance operator: " + op);
    }

    /** 22000 {@code different vector dimensions 2 and 1}. */
    public static void checkSameDimensions(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "different vector dimensions " + a.length + " and " + b.length);
        }
    }

    public static double l2Squared(float[] a, float[] b) {
        checkSameDimensions(a, b);
        return VectorKernels.SCALAR.l2Squared(a, b);
    }

    public static double innerProduct(float[] a, float[] b) {
        checkSameDimensions(a, b);
        return VectorKernels.SCALAR.dot(a, b);
    }

    public static double cosineDistance(float[] a, float[] b) {
        return VectorKernels.SCALAR.distance(COSINE, a, b);
    }

    public static double l1(float[] a, float[] b) {
        checkSameDimensions(a, b);
        return VectorKernels.SCALAR.l1(a, b);
    }

    /** {@code vector_norm}: the Euclidean norm, summed in double. */
    public static double norm(float[] a) {
        double sum = 0;
        for (float x : a) {
            sum += (double) x * (double) x;
        }
        return Math.sqrt(sum);
    }
}
