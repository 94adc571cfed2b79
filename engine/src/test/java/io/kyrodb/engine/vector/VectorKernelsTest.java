package io.kyrodb.engine.vector;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Vector API kernels agree with pgvector's scalar sums up to float rounding, at every length. */
class VectorKernelsTest {
    @Test
    void theTestJvmHasTheVectorApiAndBestUsesIt() {
        // The build runs tests with --add-modules jdk.incubator.vector, as bin/kyro runs the product.
        assertThat(VectorKernels.best().name()).startsWith("simd(");
    }

    @Test
    void simdSumsMatchTheScalarOnesWithinRounding() {
        VectorKernels simd = VectorKernels.best();
        VectorKernels scalar = VectorKernels.SCALAR;
        Random r = new Random(11);
        for (int n : new int[]{1, 3, 7, 8, 15, 16, 17, 31, 64, 100, 128, 384, 769, 1536, 4096}) {
            float[] a = new float[n];
            float[] b = new float[n];
            for (int i = 0; i < n; i++) {
                a[i] = (float) r.nextGaussian();
                b[i] = (float) r.nextGaussian();
            }
            double scale = 1e-4 * n;
            assertThat(simd.l2Squared(a, b)).as("l2 n=" + n).isCloseTo(scalar.l2Squared(a, b), within((float) (scale * 4)));
            assertThat(simd.dot(a, b)).as("dot n=" + n).isCloseTo(scalar.dot(a, b), within((float) (scale * 2)));
            assertThat(simd.l1(a, b)).as("l1 n=" + n).isCloseTo(scalar.l1(a, b), within((float) (scale * 2)));
            for (VectorDistance d : VectorDistance.values()) {
                assertThat(simd.distance(d, a, b)).as(d + " n=" + n).isCloseTo(d.distance(a, b), within(scale * 4));
            }
        }
        float[] zero = new float[9];
        assertThat(simd.distance(VectorDistance.COSINE, zero, new float[9])).isNaN();
    }
}
