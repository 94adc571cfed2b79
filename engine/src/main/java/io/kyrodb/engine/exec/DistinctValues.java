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
 */
final class DistinctValues {
    /** A value in the hashed set: equality and hash as SQL groups values. */
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

    private final HashSet<Key> hashed;
    private final TreeSet<Object> ordered;

    DistinctValues(boolean sorted) {
        this.hashed = sorted ? null : new HashSet<>();
        this.ordered = sorted ? new TreeSet<>(Values::compare) : null;
    }

    /** Adds a non-null value; returns the estimated bytes the set grew by, or -1 if it held the value already. */
    long add(Object v) {
        if (hashed != null) {
            return hashed.add(new Key(v))
                    ? MemoryEstimate.HASH_ENTRY + MemoryEstimate.SMALL_OBJECT + MemoryEstimate.value(v) : -1;
        }
        return ordered.add(v) ? MemoryEstimate.TREE_ENTRY + MemoryEstimate.value(v) : -1;
    }

    int size() {
        return hashed != null ? hashed.size() : ordered.size();
    }

    /** The values: in value order if the set is sorted, else in no particular order. */
    List<Object> values() {
        if (ordered != null) {
            return new ArrayList<>(ordered);
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
