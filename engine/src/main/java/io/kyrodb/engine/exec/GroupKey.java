package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.Arrays;

/**
 * Values compared as SQL groups them (GROUP BY, DISTINCT): equal by {@link Values#sameValue}
 * (1 = 1.0, NULLs equal), with a hash that agrees with that equality. The array is not copied.
 */
record GroupKey(Object[] values) {
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof GroupKey other) || other.values.length != values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (!Values.sameValue(values[i], other.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (Object v : values) {
            h = 31 * h + hash(v);
        }
        return h;
    }

    /** Numbers hash by their double value, so values that compare equal across types hash alike. */
    static int hash(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == 0 ? 0 : Double.hashCode(d);
        }
        if (v instanceof float[] vector) {
            // by content, with -0 and 0 alike, as Values.compareVectors counts them equal
            int h = vector.length;
            for (float x : vector) {
                h = 31 * h + (x == 0 ? 0 : Float.hashCode(x));
            }
            return h;
        }
        return v.hashCode();   // a HalfVector hashes by content, -0 like 0
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
