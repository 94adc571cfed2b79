package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.TreeSet;

/**
 * The values one group's DISTINCT aggregate has taken so far, equal as GROUP BY counts them
 * ({@link Values#sameValue}: 1 = 1.0). Hashed (by {@link GroupKey#hash}, which agrees with that
 * equality), so adding a value costs a hash probe instead of a tree descent of comparisons; kept
 * in value order only where the result shows it ({@code array_agg(DISTINCT ...)} lists the values
 * sorted, as PostgreSQL does).
 *
 * <p>While every value is an {@code Integer}, or every value a {@code Long} (the common
 * {@code count(DISTINCT id)}), they are held unboxed in an open-addressing table of longs; the
 * first value of another class moves them to the general set.
 */
final class DistinctValues {
    /** A value in the general hashed set: equality and hash as SQL groups values. */
    private record Key(Object value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Values.sameValue(value, k.value);
        }

        @Override
        public int hashCode() {
            return GroupKey.hash(value);
        }
    }

    /** Estimated heap size of an empty set. */
    static final long EMPTY_SIZE = 64;
    /** Estimated bytes per value in the table of longs (a slot at half load, and growth). */
    private static final long LONG_SLOT = 24;

    private final TreeSet<Object> ordered;
    private HashSet<Key> hashed;
    /** The unboxed values (0 marks a free slot; a stored 0 is {@link #hasZero}), while {@link #integerClass} is set. */
    private long[] longs;
    private int longCount;
    private boolean hasZero;
    /** Integer.class or Long.class while the values are held in {@link #longs}; null before the first value and after. */
    private Class<?> integerClass;

    DistinctValues(boolean sorted) {
        this.ordered = sorted ? new TreeSet<>(Values::compare) : null;
    }

    /** Adds a non-null value; returns the estimated bytes the set grew by, or -1 if it held the value already. */
    long add(Object v) {
        if (ordered != null) {
            return ordered.add(v) ? MemoryEstimate.TREE_ENTRY + MemoryEstimate.value(v) : -1;
        }
        if (hashed == null) {
            Class<?> c = v.getClass();
            if (integerClass == null && longs == null && (c == Integer.class || c == Long.class)) {
                integerClass = c;
                longs = new long[16];
            }
            if (c == integerClass) {
                return addLong(((Number) v).longValue()) ? LONG_SLOT : -1;
            }
            toHashed();
        }
        return hashed.add(new Key(v)) ? MemoryEstimate.HASH_ENTRY + MemoryEstimate.SMALL_OBJECT + MemoryEstimate.value(v) : -1;
    }

    private boolean addLong(long v) {
        if (v == 0) {
            if (hasZero) {
                return false;
            }
            hasZero = true;
            longCount++;
            return true;
        }
        int mask = longs.length - 1;
        for (int i = GroupKey.mix(v) & mask; ; i = (i + 1) & mask) {
            long x = longs[i];
            if (x == v) {
                return false;
            }
            if (x == 0) {
                longs[i] = v;
                if (++longCount * 2 > longs.length) {
                    grow();
                }
                return true;
            }
        }
    }

    private void grow() {
        long[] old = longs;
        longs = new long[old.length * 2];
        int mask = longs.length - 1;
        for (long v : old) {
            if (v != 0) {
                int i = GroupKey.mix(v) & mask;
                while (longs[i] != 0) {
                    i = (i + 1) & mask;
                }
                longs[i] = v;
            }
        }
    }

    /** Moves the values held unboxed to the general set (a value of another class arrived). */
    private void toHashed() {
        hashed = new HashSet<>();
        if (integerClass != null) {
            for (Object v : boxedLongs()) {
                hashed.add(new Key(v));
            }
        }
        longs = null;
        integerClass = null;
    }

    private List<Object> boxedLongs() {
        List<Object> out = new ArrayList<>(longCount);
        if (hasZero) {
            out.add(box(0));
        }
        for (long v : longs) {
            if (v != 0) {
                out.add(box(v));
            }
        }
        return out;
    }

    private Object box(long v) {
        return integerClass == Integer.class ? (Object) (int) v : (Object) v;
    }

    /** Drops every value (they moved to a spill file). */
    void clear() {
        if (ordered != null) {
            ordered.clear();
        }
        hashed = null;
        longs = null;
        longCount = 0;
        hasZero = false;
        integerClass = null;
    }

    int size() {
        if (ordered != null) {
            return ordered.size();
        }
        return hashed != null ? hashed.size() : longCount;
    }

    /** The values: in value order if the set is sorted, else in no particular order. */
    List<Object> values() {
        if (ordered != null) {
            return new ArrayList<>(ordered);
        }
        if (hashed == null) {
            return integerClass == null ? new ArrayList<>() : boxedLongs();
        }
        List<Object> out = new ArrayList<>(hashed.size());
        for (Key k : hashed) {
            out.add(k.value);
        }
        return out;
    }

    /** Appends the values to {@code out} (a spilled state). */
    void addTo(Collection<Object> out) {
        out.addAll(values());
    }
}
