package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * pgvector's distances, computed as pgvector computes them so the values agree: the sums run in
 * float, element by element in order, and the result is widened to double ({@code vector_norm}
 * and cosine's final division run in double). These scalar kernels are the reference every exact
 * search and SQL function uses.
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
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            float d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    public static double innerProduct(float[] a, float[] b) {
        checkSameDimensions(a, b);
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static double cosineDistance(float[] a, float[] b) {
        checkSameDimensions(a, b);
        float dot = 0;
        float na = 0;
        float nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        // sqrt(a * b) rather than sqrt(a) * sqrt(b), as pgvector
        double similarity = (double) dot / Math.sqrt((double) na * (double) nb);
        if (similarity > 1) {
            similarity = 1;
        } else if (similarity < -1) {
            similarity = -1;
        }
        return 1 - similarity;
    }

    public static double l1(float[] a, float[] b) {
        checkSameDimensions(a, b);
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
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
