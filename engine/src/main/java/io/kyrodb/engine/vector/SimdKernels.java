package io.kyrodb.engine.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The sums on the incubator Vector API, the JVM's preferred lane width at a time. Loaded only when
 * the module is present ({@link KernelHolder}); referencing it otherwise would fail to link.
 */
final class SimdKernels implements VectorKernels {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float l2Squared(float[] a, float[] b) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(a.length); i < bound; i += SPECIES.length()) {
            FloatVector d = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i));
            acc = d.fma(d, acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            float d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public float dot(float[] a, float[] b) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(a.length); i < bound; i += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    @Override
    public float l1(float[] a, float[] b) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(a.length); i < bound; i += SPECIES.length()) {
            acc = acc.add(FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i)).abs());
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            sum += Math.abs(a[i] - b[i]);
        }
        return sum;
    }

    @Override
    public void cosineParts(float[] a, float[] b, float[] out) {
        FloatVector dot = FloatVector.zero(SPECIES);
        FloatVector na = FloatVector.zero(SPECIES);
        FloatVector nb = FloatVector.zero(SPECIES);
        int i = 0;
        for (int bound = SPECIES.loopBound(a.length); i < bound; i += SPECIES.length()) {
            FloatVector va = FloatVector.fromArray(SPECIES, a, i);
            FloatVector vb = FloatVector.fromArray(SPECIES, b, i);
            dot = va.fma(vb, dot);
            na = va.fma(va, na);
            nb = vb.fma(vb, nb);
        }
        float d = dot.reduceLanes(VectorOperators.ADD);
        float x = na.reduceLanes(VectorOperators.ADD);
        float y = nb.reduceLanes(VectorOperators.ADD);
        for (; i < a.length; i++) {
            d += a[i] * b[i];
            x += a[i] * a[i];
            y += b[i] * b[i];
        }
        out[0] = d;
        out[1] = x;
        out[2] = y;
    }

    @Override
    public String name() {
        return "simd(" + SPECIES.vectorBitSize() + " bits)";
    }
}
