package io.kyrodb.engine.vector;

/** pgvector's sums: float accumulators, element by element in order. */
final class ScalarKernels implements VectorKernels {
    @Override
    public float l2Squared(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            float d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public float l1(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
    }

    @Override
    public void cosineParts(float[] a, float[] b, float[] out) {
        float dot = 0;
        float na = 0;
        float nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        out[0] = dot;
        out[1] = na;
        out[2] = nb;
    }

    @Override
    public String name() {
        return "scalar";
    }
}
