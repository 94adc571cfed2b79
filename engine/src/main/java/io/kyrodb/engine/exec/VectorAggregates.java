package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.vector.HalfVector;
import io.kyrodb.engine.vector.VectorDistance;
import io.kyrodb.engine.vector.VectorText;

/**
 * {@code sum} and {@code avg} over {@code vector} and {@code halfvec}, as pgvector defines them:
 * {@code sum} adds element by element in float32 after each row ({@code vector_add}: 22000
 * {@code different vector dimensions 2 and 1}, 22003 on overflow); {@code avg} keeps the sums in
 * double ({@code vector_accum}: 22000 {@code expected 2 dimensions, not 1}) and divides at the end,
 * so averaging large values does not overflow. The state lives in an {@link Accumulator}'s value
 * slot: a {@code float[]} for sum (a halfvec's elements widened), a {@code double[]} for avg.
 */
final class VectorAggregates {
    private VectorAggregates() {
    }

    static Object add(AggregateFunction fn, Object state, Object value) {
        float[] v = value instanceof HalfVector h ? h.toFloats() : (float[]) value;
        if (fn == AggregateFunction.AVG) {
            double[] sums = (double[]) state;
            if (sums == null) {
                sums = new double[v.length];
            } else if (sums.length != v.length) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "expected " + sums.length + " dimensions, not " + v.length);
            }
            for (int i = 0; i < v.length; i++) {
                sums[i] += v[i];
            }
            return sums;
        }
        if (state == null) {
            return value instanceof HalfVector ? v : v.clone();
        }
        float[] sum = (float[]) state;
        VectorDistance.checkSameDimensions(sum, v);
        for (int i = 0; i < v.length; i++) {
            sum[i] += v[i];
            if (Float.isInfinite(sum[i])) {
                throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
        }
        if (value instanceof HalfVector) {
            HalfVector.ofArithmetic(sum);   // pgvector's halfvec_add fails on a half overflow at each row
        }
        return sum;
    }

    /** Merges a spilled state into {@code state}. */
    static Object merge(AggregateFunction fn, Object state, Object other) {
        if (state == null) {
            return other;
        }
        if (fn == AggregateFunction.AVG) {
            double[] a = (double[]) state;
            double[] b = (double[]) other;
            if (a.length != b.length) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "expected " + a.length + " dimensions, not " + b.length);
            }
            for (int i = 0; i < a.length; i++) {
                a[i] += b[i];
            }
            return a;
        }
        return add(fn, state, other);
    }

    /** The aggregate's value: NULL when no row had a value. */
    static Object result(AggregateFunction fn, Object state, long count, TypeKind kind) {
        if (state == null || count == 0) {
            return null;
        }
        float[] out;
        if (fn == AggregateFunction.AVG) {
            double[] sums = (double[]) state;
            out = new float[sums.length];
            for (int i = 0; i < sums.length; i++) {
                out[i] = (float) (sums[i] / count);
                if (Float.isInfinite(out[i])) {
                    throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                }
            }
        } else {
            out = ((float[]) state).clone();
        }
        if (out.length > VectorText.MAX_DIMENSIONS) {
            throw VectorText.tooMany(kind.sqlName());
        }
        return kind == TypeKind.HALFVEC ? HalfVector.ofArithmetic(out) : out;
    }
}
