package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The distances against pgvector's own answers (shared/conformance/pgvector/vector_type.out). */
class VectorDistanceTest {
    private static float[] v(String text) {
        return VectorText.parse(text, -1);
    }

    @Test
    void l2() {
        assertThat(VectorDistance.L2.distance(v("[0,0]"), v("[3,4]"))).isEqualTo(5.0);
        assertThat(VectorDistance.L2.distance(v("[0,0]"), v("[0,1]"))).isEqualTo(1.0);
        assertThat(VectorDistance.L2.distance(v("[3e38]"), v("[-3e38]"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(VectorDistance.L2.distance(v("[1,1,1,1,1,1,1,1,1]"), v("[1,1,1,1,1,1,1,4,5]"))).isEqualTo(5.0);
        assertThat(VectorDistance.ofOperator("<->")).isSameAs(VectorDistance.L2);
    }

    @Test
    void innerProduct() {
        assertThat(VectorDistance.innerProduct(v("[1,2]"), v("[3,4]"))).isEqualTo(11.0);
        assertThat(VectorDistance.innerProduct(v("[3e38]"), v("[3e38]"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(VectorDistance.innerProduct(v("[1,1,1,1,1,1,1,1,1]"), v("[1,2,3,4,5,6,7,8,9]"))).isEqualTo(45.0);
        assertThat(VectorDistance.NEGATIVE_INNER_PRODUCT.distance(v("[1,2]"), v("[3,4]"))).isEqualTo(-11.0);
    }

    @Test
    void cosine() {
        assertThat(VectorDistance.COSINE.distance(v("[1,2]"), v("[2,4]"))).isEqualTo(0.0);
        assertThat(VectorDistance.COSINE.distance(v("[1,2]"), v("[0,0]"))).isNaN();
        assertThat(VectorDistance.COSINE.distance(v("[1,1]"), v("[1,1]"))).isEqualTo(0.0);
        assertThat(VectorDistance.COSINE.distance(v("[1,0]"), v("[0,2]"))).isEqualTo(1.0);
        assertThat(VectorDistance.COSINE.distance(v("[1,1]"), v("[-1,-1]"))).isEqualTo(2.0);
        assertThat(VectorDistance.COSINE.distance(v("[1,1]"), v("[1.1,1.1]"))).as("clamped to 1").isEqualTo(0.0);
        assertThat(VectorDistance.COSINE.distance(v("[1,1]"), v("[-1.1,-1.1]"))).as("clamped to -1").isEqualTo(2.0);
    }

    @Test
    void l1AndNorm() {
        assertThat(VectorDistance.L1.distance(v("[0,0]"), v("[3,4]"))).isEqualTo(7.0);
        assertThat(VectorDistance.norm(v("[3,4]"))).isEqualTo(5.0);
        assertThat(VectorDistance.norm(v("[0,0]"))).isEqualTo(0.0);
        assertThat((float) VectorDistance.norm(v("[3e37,4e37]"))).as("summed in double: no overflow").isEqualTo(5e37f);
    }

    @Test
    void differentDimensionsAre22000() {
        for (VectorDistance d : VectorDistance.values()) {
            assertThatThrownBy(() -> d.distance(v("[1,2]"), v("[3]"))).isInstanceOf(KyroException.class)
                    .hasMessage("different vector dimensions 2 and 1");
        }
    }

    /** Seeded: rerun with the same seed to reproduce. */
    @Test
    void distancesOfManyVectorsAreBitForBitThoseOfOneAtATime() {
        long seed = 6_2026_1129L;
        java.util.Random r = new java.util.Random(seed);
        for (VectorDistance d : VectorDistance.values()) {
            for (int dims : new int[]{1, 3, 128, 784}) {
                float[] q = new float[dims];
                float[][] vs = new float[11][dims];
                for (int j = 0; j < dims; j++) {
                    q[j] = (float) (r.nextGaussian() * (j % 3 == 0 ? 1e-3 : 1e3));
                    for (float[] v : vs) {
                        v[j] = (float) (r.nextGaussian() * (j % 5 == 0 ? 1e3 : 1e-3));
                    }
                }
                vs[4][0] = -0f;   // zeros of either sign
                vs[5] = vs[4].clone();
                vs[5][0] = 0f;
                vs[6] = q.clone();
                for (int n = 0; n <= vs.length; n++) {
                    double[] out = new double[n];
                    d.distances(q, vs, n, out);
                    for (int i = 0; i < n; i++) {
                        assertThat(Double.doubleToRawLongBits(out[i])).as("%s, %d dimensions, vector %d of %d (seed %d)",
                                d, dims, i, n, seed).isEqualTo(Double.doubleToRawLongBits(d.distance(q, vs[i])));
                    }
                }
            }
        }
        float[][] other = {v("[1,2]"), v("[1,2]"), v("[1,2]"), v("[3]")};
        assertThatThrownBy(() -> VectorDistance.L2.distances(v("[1,2]"), other, 4, new double[4]))
                .isInstanceOf(KyroException.class).hasMessage("different vector dimensions 2 and 1");
    }
}
