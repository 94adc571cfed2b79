package io.kyrodb.engine.catalog;

import java.util.Arrays;

/**
 * What an index definition says beyond its key: a UNIQUE constraint's timing (DEFERRABLE,
 * INITIALLY DEFERRED), its INCLUDE columns (the last {@code include} parts of the index, stored in
 * each entry after the key parts and read by index-only scans, but not part of the key: UNIQUE
 * compares the key parts only), and the NULLS FIRST / LAST written for each part ({@code nullsFirst},
 * null when every part has its direction's default: NULLS FIRST for DESC, LAST for ASC).
 *
 * <p>NULLS FIRST / LAST are kept for the catalog (pg_indexes, pg_index.indoption) and survive a
 * restart, as DESC does; the entries themselves stay in ascending order with NULLs last, the only
 * order the planner takes from an index, so ORDER BY gives PostgreSQL's results either way.
 *
 * <p>{@code indexOnly}: a UNIQUE index made by CREATE UNIQUE INDEX, which (as in PostgreSQL) is no
 * constraint: it has no pg_constraint row and ON CONFLICT ON CONSTRAINT cannot name it. A unique
 * index from a UNIQUE constraint, and every unique index of a database from before the flag, is one.
 */
public record IndexShape(boolean deferrable, boolean initiallyDeferred, int include, boolean[] nullsFirst,
                         boolean indexOnly) {
    public static final IndexShape NONE = new IndexShape(false, false, 0, null);

    public IndexShape {
        initiallyDeferred = deferrable && initiallyDeferred;
        nullsFirst = nullsFirst == null ? null : nullsFirst.clone();
    }

    public IndexShape(boolean deferrable, boolean initiallyDeferred, int include, boolean[] nullsFirst) {
        this(deferrable, initiallyDeferred, include, nullsFirst, false);
    }

    /** This shape of a unique index that is ({@code false}) or is not ({@code true}) a constraint. */
    public IndexShape withIndexOnly(boolean only) {
        return new IndexShape(deferrable, initiallyDeferred, include, nullsFirst, only);
    }

    /** The shape with {@code nullsFirst} dropped where it is every part's default for {@code descending}. */
    public static IndexShape of(boolean deferrable, boolean initiallyDeferred, int include, boolean[] nullsFirst,
                                boolean[] descending) {
        boolean[] explicit = nullsFirst == null || Arrays.equals(nullsFirst, descending) ? null : nullsFirst;
        return new IndexShape(deferrable, initiallyDeferred, include, explicit);
    }

    /** Whether part {@code i} of an index whose directions are {@code descending} puts NULLs first. */
    public boolean nullsFirst(int i, boolean[] descending) {
        return nullsFirst != null ? nullsFirst[i] : descending[i];
    }

    /** Whether it says anything beyond the defaults (WAL tag 29, checkpoint version 11; indexOnly as bit 4 of the timing byte). */
    public boolean any() {
        return deferrable || include > 0 || nullsFirst != null || indexOnly;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndexShape s && deferrable == s.deferrable && initiallyDeferred == s.initiallyDeferred
                && include == s.include && Arrays.equals(nullsFirst, s.nullsFirst) && indexOnly == s.indexOnly;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nullsFirst) * 31 + include * 4 + (deferrable ? 2 : 0) + (initiallyDeferred ? 1 : 0) + (indexOnly ? 7 : 0);
    }
}
