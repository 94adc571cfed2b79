package io.kyrodb.engine.vector;

/**
 * The inner loops of an exact vector search: sums over two vectors of the same length. Two
 * implementations: {@link #SCALAR}, element by element in order as pgvector sums (the reference,
 * which SQL functions and reported distances use), and one on the incubator Vector API when the
 * JVM runs with {@code --add-modules jdk.incubator.vector}: several lanes at once, so its sums are
 * ordered differently and may differ from the scalar ones in the last bits. A search ranks with
 * {@link #best()} and reports the scalar distance of the rows it returns.
 */
public interface VectorKernels {
    /** Sum of (a[i] - b[i])^2. */
    float l2Squared(float[] a, float[] b);

    /** Sum of a[i] * b[i]. */
    float dot(float[] a, float[] b);

    /** Sum of |a[i] - b[i]|. */
    float l1(float[] a, float[] b);

    /** {dot, |a|^2, |b|^2} in one pass. */
    void cosineParts(float[] a, float[] b, float[] out);

    /** The name EXPLAIN and logs show: {@code scalar} or {@code simd(256 bits)}. */
    String name();

    VectorKernels SCALAR = new ScalarKernels();

    /** The Vector API kernels when the JVM has the module, else {@link #SCALAR}. */
    static VectorKernels best() {
        return KernelHolder.BEST;
    }

    /** The distance {@code d} ranks by, from these kernels (cosine as pgvector: clamped, NaN for a zero vector). */
    default double distance(VectorDistance d, float[] a, float[] b) {
        VectorDistance.checkSameDimensions(a, b);
        return switch (d) {
            case L2 -> Math.sqrt(l2Squared(a, b));
            case NEGATIVE_INNER_PRODUCT -> -dot(a, b);
            case L1 -> l1(a, b);
            case COSINE -> {
                float[] parts = new float[3];
                cosineParts(a, b, parts);
                double similarity = (double) parts[0] / Math.sqrt((double) parts[1] * (double) parts[2]);
                yield 1 - Math.max(-1, Math.min(1, similarity));
            }
        };
    }
}
