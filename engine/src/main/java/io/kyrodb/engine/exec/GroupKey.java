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

    /**
     * Numbers that compare equal across types hash alike: a whole number by its value as a long
     * (1 and 1.0 alike), any other by its double's bits; both mixed, because Double.hashCode of
     * small whole numbers differs only in its high bits, which put them all in a few buckets.
     */
    static int hash(Object v) {
        if (v == null) {
            return 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short) {
            return mix(((Number) v).longValue());
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && d >= -9.223372036854775808E18 && d < 9.223372036854775808E18) {
                return mix((long) d);   // also -0.0 and 0.0 alike
            }
            return mix(Double.doubleToLongBits(d));
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

    /** MurmurHash3's 64-bit finalizer, folded to 32 bits: the hash of a whole number {@code h}. */
    static int mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public String toString() {
        return Arrays.toString(values);
    }
}
