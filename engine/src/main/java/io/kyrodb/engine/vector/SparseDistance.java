package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * pgvector's distances and norms on {@code sparsevec}, computed as pgvector computes them so the
 * values agree: one pass over both vectors' non-zero elements in index order, the sums in float,
 * the result widened to double (the norm sums in double). Two sparsevecs of different dimensions
 * fail with 22000 {@code different sparsevec dimensions m and n}.
 */
public final class SparseDistance {
    private SparseDistance() {
    }

    public static void checkSameDimensions(SparseVector a, SparseVector b) {
        if (a.dimensions() != b.dimensions()) {
            throw new KyroException(SqlState.DATA_EXCEPTION,
                    "different sparsevec dimensions " + a.dimensions() + " and " + b.dimensions());
        }
    }

    public static double l2(SparseVector a, SparseVector b) {
        checkSameDimensions(a, b);
        float sum = 0;
        int i = 0;
        int j = 0;
        while (i < a.nonZero() || j < b.nonZero()) {
            int ai = i < a.nonZero() ? a.index(i) : Integer.MAX_VALUE;
            int bj = j < b.nonZero() ? b.index(j) : Integer.MAX_VALUE;
            float d;
            if (ai == bj) {
                d = a.value(i++) - b.value(j++);
            } else if (ai < bj) {
                d = a.value(i++);
            } else {
                d = b.value(j++);
            }
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    public static double innerProduct(SparseVector a, SparseVector b) {
        checkSameDimensions(a, b);
        return dot(a, b);
    }

    private static float dot(SparseVector a, SparseVector b) {
        float sum = 0;
        int i = 0;
        int j = 0;
        while (i < a.nonZero() && j < b.nonZero()) {
            int ai = a.index(i);
            int bj = b.index(j);
            if (ai == bj) {
                sum += a.value(i++) * b.value(j++);
            } else if (ai < bj) {
                i++;
            } else {
                j++;
            }
        }
        return sum;
    }

    /** NaN when either vector is zero; the similarity kept within [-1, 1]. */
    public static double cosine(SparseVector a, SparseVector b) {
        checkSameDimensions(a, b);
        float normA = 0;
        for (int i = 0; i < a.nonZero(); i++) {
            normA += a.value(i) * a.value(i);
        }
        float normB = 0;
        for (int j = 0; j < b.nonZero(); j++) {
            normB += b.value(j) * b.value(j);
        }
        double similarity = (double) dot(a, b) / Math.sqrt((double) normA * (double) normB);
        if (similarity > 1) {
            similarity = 1;
        } else if (similarity < -1) {
            similarity = -1;
        }
        return 1 - similarity;
    }

    public static double l1(SparseVector a, SparseVector b) {
        checkSameDimensions(a, b);
        float sum = 0;
        int i = 0;
        int j = 0;
        while (i < a.nonZero() || j < b.nonZero()) {
            int ai = i < a.nonZero() ? a.index(i) : Integer.MAX_VALUE;
            int bj = j < b.nonZero() ? b.index(j) : Integer.MAX_VALUE;
            if (ai == bj) {
                sum += Math.abs(a.value(i++) - b.value(j++));
            } else if (ai < bj) {
                sum += Math.abs(a.value(i++));
            } else {
                sum += Math.abs(b.value(j++));
            }
        }
        return sum;
    }

    /** {@code l2_norm}: summed in double. */
    public static double norm(SparseVector a) {
        double sum = 0;
        for (int i = 0; i < a.nonZero(); i++) {
            sum += (double) a.value(i) * (double) a.value(i);
        }
        return Math.sqrt(sum);
    }

    /** {@code l2_normalize}: divided by the norm, elements that underflow to zero dropped; a zero vector stays zero. */
    public static SparseVector normalize(SparseVector a) {
        double norm = norm(a);
        return norm > 0 ? a.dividedBy(norm) : a;
    }
}
