package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.vector.HalfVector;
import io.kyrodb.engine.vector.VectorArrays;
import io.kyrodb.engine.vector.VectorText;

import java.util.Arrays;

/**
 * pgvector's functions that its SQL script defines for casts and aggregates and that users (and
 * pgvector's own tests) call by name: {@code array_to_vector(arr, typmod, explicit)} and its halfvec
 * and sparsevec twins, {@code vector_to_float4(v, typmod, explicit)}, and the {@code avg(vector)}
 * support functions over the state array {@code [n, sum1, ..., sumd]} (double precision[]):
 * {@code vector_accum(state, v)}, {@code vector_combine(state, state)}, {@code vector_avg(state)}.
 * A state array that is not one-dimensional, non-empty and NULL-free fails as pgvector's elog does
 * (XX000 {@code vector_avg: expected state array}).
 */
public enum PgvectorFunction implements Builtin {
    ARRAY_TO_VECTOR,
    ARRAY_TO_HALFVEC,
    ARRAY_TO_SPARSEVEC,
    VECTOR_TO_FLOAT4,
    VECTOR_ACCUM,
    VECTOR_COMBINE,
    VECTOR_AVG;

    /** The SQL name: {@code array_to_vector}. */
    public String sqlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The function called {@code name}, or null. */
    public static PgvectorFunction ofName(String name) {
        for (PgvectorFunction f : values()) {
            if (f.sqlName().equals(name)) {
                return f;
            }
        }
        return null;
    }

    @Override
    public Object apply(Object[] args, SqlType resultType) {
        return switch (this) {
            case ARRAY_TO_VECTOR -> VectorArrays.toVector(elements(args[0]), typmod(args), "vector");
            case ARRAY_TO_HALFVEC -> VectorArrays.toHalfVector(elements(args[0]), typmod(args));
            case ARRAY_TO_SPARSEVEC -> VectorArrays.toSparseVector(elements(args[0]), typmod(args));
            case VECTOR_TO_FLOAT4 -> {
                float[] v = args[0] instanceof HalfVector h ? h.toFloats() : (float[]) args[0];
                VectorText.checkDimensions(v.length, typmod(args));
                yield SqlArray.of((Object[]) VectorArrays.toRealArray(v));
            }
            case VECTOR_ACCUM -> accum(state(args[0], "vector_accum"), (float[]) args[1]);
            case VECTOR_COMBINE -> combine(state(args[0], "vector_combine"), state(args[1], "vector_combine"));
            case VECTOR_AVG -> average(state(args[0], "vector_avg"));
        };
    }

    private static java.util.List<Object> elements(Object array) {
        return Arrays.asList(((SqlArray) array).elements());
    }

    /** The typmod argument (-1: none). */
    private static int typmod(Object[] args) {
        return args.length > 1 && args[1] instanceof Integer t && t >= 0 ? t : -1;
    }

    private static double[] state(Object array, String caller) {
        SqlArray a = (SqlArray) array;
        if (a.length() < 1) {
            throw badState(caller);
        }
        double[] out = new double[a.length()];
        for (int i = 0; i < out.length; i++) {
            if (!(a.get(i) instanceof Number n)) {
                throw badState(caller);   // NULL, or a nested array
            }
            out[i] = n.doubleValue();
        }
        return out;
    }

    private static KyroException badState(String caller) {
        return new KyroException(SqlState.INTERNAL_ERROR, caller + ": expected state array");
    }

    /** Adds a vector to the state: a state of dimensions 0 starts over from the vector. */
    private static SqlArray accum(double[] state, float[] v) {
        boolean fresh = state.length == 1;
        if (!fresh) {
            VectorText.checkDimensions(v.length, state.length - 1);
        }
        Object[] out = new Object[v.length + 1];
        out[0] = state[0] + 1;
        for (int i = 0; i < v.length; i++) {
            double sum = fresh ? v[i] : state[i + 1] + v[i];
            if (Double.isInfinite(sum)) {
                throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
            }
            out[i + 1] = sum;
        }
        return SqlArray.of(out);
    }

    private static SqlArray combine(double[] a, double[] b) {
        double[] sum;
        if (a[0] == 0) {
            sum = b.clone();
        } else if (b[0] == 0) {
            sum = a.clone();
        } else {
            VectorText.checkDimensions(b.length - 1, a.length - 1);
            sum = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                sum[i] = a[i] + b[i];
                if (Double.isInfinite(sum[i])) {
                    throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "value out of range: overflow");
                }
            }
        }
        if (sum.length - 1 > VectorText.MAX_DIMENSIONS) {
            throw VectorText.tooMany();
        }
        Object[] out = new Object[sum.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sum[i];
        }
        return SqlArray.of(out);
    }

    /** NULL for a state of no vectors; else the sums divided by the count, as a vector. */
    private static float[] average(double[] state) {
        double n = state[0];
        if (n == 0) {
            return null;
        }
        int dimensions = state.length - 1;
        if (dimensions < 1) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "vector must have at least 1 dimension");
        }
        if (dimensions > VectorText.MAX_DIMENSIONS) {
            throw VectorText.tooMany();
        }
        float[] out = new float[dimensions];
        for (int i = 0; i < dimensions; i++) {
            out[i] = (float) (state[i + 1] / n);
            if (Float.isInfinite(out[i])) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "infinite value not allowed in vector");
            }
        }
        return out;
    }
}
