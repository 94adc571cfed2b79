package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Arrays;

/**
 * A value of pgvector's {@code sparsevec(n)}: n dimensions of which only the non-zero elements are
 * kept, as ascending 0-based indices with their float32 values. Text form {@code {1:1.5,3:2}/5}
 * (1-based indices, the dimensions after the slash), read and printed as pgvector's
 * {@code sparsevec_in}/{@code sparsevec_out} do ({@link SparseVectorText}). At most
 * {@link #MAX_DIMENSIONS} dimensions and {@link #MAX_NONZERO} non-zero elements. Distances and the
 * btree order are those of the dense vector it stands for. Immutable: equality is by content.
 */
public final class SparseVector {
    /** pgvector's limit on a sparsevec's dimensions. */
    public static final int MAX_DIMENSIONS = 1_000_000;
    /** pgvector's limit on a sparsevec's non-zero elements. */
    public static final int MAX_NONZERO = 16_000;

    private final int dimensions;
    private final int[] indices;
    private final float[] values;

    private SparseVector(int dimensions, int[] indices, float[] values) {
        this.dimensions = dimensions;
        this.indices = indices;
        this.values = values;
    }

    /**
     * The sparsevec of ascending 0-based {@code indices} (below {@code dimensions}) and their non-zero
     * values, taken, not copied; checked as pgvector's {@code CheckIndex} does (22000).
     */
    public static SparseVector of(int dimensions, int[] indices, float[] values) {
        checkDimensions(dimensions);
        if (indices.length > MAX_NONZERO) {
            throw tooManyNonZero();
        }
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= dimensions) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "sparsevec index out of bounds");
            }
            if (i > 0 && indices[i] < indices[i - 1]) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "sparsevec indices must be in ascending order");
            }
            if (i > 0 && indices[i] == indices[i - 1]) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "sparsevec indices must not contain duplicates");
            }
        }
        return new SparseVector(dimensions, indices, values);
    }

    /** The non-zero elements of a dense vector (-0 counts as zero); 54000 past 16000 of them. */
    public static SparseVector ofDense(float[] dense) {
        int nnz = 0;
        for (float f : dense) {
            if (f != 0) {
                nnz++;
            }
        }
        if (nnz > MAX_NONZERO) {
            throw tooManyNonZero();
        }
        int[] indices = new int[nnz];
        float[] values = new float[nnz];
        int k = 0;
        for (int i = 0; i < dense.length; i++) {
            if (dense[i] != 0) {
                indices[k] = i;
                values[k++] = dense[i];
            }
        }
        return of(dense.length, indices, values);
    }

    /** 22000 below 1 dimension, 54000 above a million. */
    static void checkDimensions(int dimensions) {
        if (dimensions < 1) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "sparsevec must have at least 1 dimension");
        }
        if (dimensions > MAX_DIMENSIONS) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                    "sparsevec cannot have more than " + MAX_DIMENSIONS + " dimensions");
        }
    }

    static KyroException tooManyNonZero() {
        return new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                "sparsevec cannot have more than " + MAX_NONZERO + " non-zero elements");
    }

    public int dimensions() {
        return dimensions;
    }

    /** The number of non-zero elements. */
    public int nonZero() {
        return indices.length;
    }

    /** The 0-based index of the k-th non-zero element. */
    public int index(int k) {
        return indices[k];
    }

    public float value(int k) {
        return values[k];
    }

    /** The dense vector; 54000 when {@code type} (vector or halfvec) cannot hold this many dimensions. */
    public float[] toDense(String type) {
        if (dimensions > VectorText.MAX_DIMENSIONS) {
            throw VectorText.tooMany(type);
        }
        float[] out = new float[dimensions];
        for (int k = 0; k < indices.length; k++) {
            out[indices[k]] = values[k];
        }
        return out;
    }

    /** The elements divided by {@code divisor} in double (zeros that result are dropped). */
    SparseVector dividedBy(double divisor) {
        int[] idx = new int[indices.length];
        float[] val = new float[indices.length];
        int n = 0;
        for (int k = 0; k < indices.length; k++) {
            float v = (float) (values[k] / divisor);
            if (v != 0) {
                idx[n] = indices[k];
                val[n++] = v;
            }
        }
        return new SparseVector(dimensions, Arrays.copyOf(idx, n), Arrays.copyOf(val, n));
    }

    /**
     * pgvector's {@code sparsevec_cmp}: the order of the dense vectors (element by element, then the
     * one with fewer dimensions first).
     */
    public static int compare(SparseVector a, SparseVector b) {
        int nnz = Math.min(a.indices.length, b.indices.length);
        for (int i = 0; i < nnz; i++) {
            if (a.indices[i] < b.indices[i]) {
                return a.values[i] < 0 ? -1 : 1;
            }
            if (a.indices[i] > b.indices[i]) {
                return b.values[i] < 0 ? 1 : -1;
            }
            int c = Float.compare(a.values[i] + 0f, b.values[i] + 0f);
            if (c != 0) {
                return c < 0 ? -1 : 1;
            }
        }
        if (a.indices.length < b.indices.length && b.indices[nnz] < a.dimensions) {
            return b.values[nnz] < 0 ? 1 : -1;
        }
        if (a.indices.length > b.indices.length && a.indices[nnz] < b.dimensions) {
            return a.values[nnz] < 0 ? -1 : 1;
        }
        return Integer.compare(a.dimensions, b.dimensions);
    }

    /** Heap bytes of this value (object header, fields, the arrays). */
    public long heapSize() {
        return 24 + 2 * ((16 + 4L * indices.length + 7) & ~7L);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseVector s && s.dimensions == dimensions && Arrays.equals(s.indices, indices)
                && Arrays.equals(s.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dimensions + Arrays.hashCode(indices)) + Arrays.hashCode(values);
    }

    /** The text form: {@code {1:1.5,3:2}/5}. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(indices.length * 8 + 12).append('{');
        for (int k = 0; k < indices.length; k++) {
            if (k > 0) {
                b.append(',');
            }
            b.append(indices[k] + 1).append(':');
            VectorText.appendFloat4(b, values[k]);
        }
        return b.append("}/").append(dimensions).toString();
    }
}
