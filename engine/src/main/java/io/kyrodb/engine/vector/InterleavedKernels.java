package io.kyrodb.engine.vector;

/**
 * pgvector's L2 and inner-product sums ({@link ScalarKernels}: float accumulators, element by element
 * in order) of one query against four vectors at once, bit for bit the same as four single calls:
 * each vector keeps its own accumulator and order, and the four chains of dependent adds run side
 * by side, so their latencies overlap (one chain waits on each add; a row's exact distance to a
 * 784-dimension query is otherwise as long as 784 add latencies).
 */
final class InterleavedKernels {
    private InterleavedKernels() {
    }

    static void l2Squared(float[] q, float[] b0, float[] b1, float[] b2, float[] b3, float[] out) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int i = 0; i < q.length; i++) {
            float x = q[i];
            float d0 = x - b0[i];
            float d1 = x - b1[i];
            float d2 = x - b2[i];
            float d3 = x - b3[i];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }

    static void dot(float[] q, float[] b0, float[] b1, float[] b2, float[] b3, float[] out) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        for (int i = 0; i < q.length; i++) {
            float x = q[i];
            s0 += x * b0[i];
            s1 += x * b1[i];
            s2 += x * b2[i];
            s3 += x * b3[i];
        }
        out[0] = s0;
        out[1] = s1;
        out[2] = s2;
        out[3] = s3;
    }
}
