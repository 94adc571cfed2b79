package io.kyrodb.vectors.lucene;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each vector id's rows, read by searches for every hit they return: an array indexed by vector id
 * (ids are handed out one after another from 0, so it is dense but for the ids of vectors since
 * removed), instead of a map from boxed ids. One writer ({@link LuceneVectorIndex}'s single writer)
 * and any number of concurrent readers: a row list, once published, never changes (a change
 * publishes a new one), and growing the table publishes a copy through a volatile field, so a reader
 * sees each id either before or after a change, never a torn list.
 */
final class VidRows {
    private volatile AtomicReferenceArray<long[]> rows = new AtomicReferenceArray<>(1024);

    /** The rows of {@code vid} (sorted), or null when it has none. */
    long[] get(long vid) {
        AtomicReferenceArray<long[]> a = rows;
        return vid >= 0 && vid < a.length() ? a.get((int) vid) : null;
    }

    /** Publishes {@code ids} (sorted, never changed afterwards) as the rows of {@code vid}; writer only. */
    void put(long vid, long[] ids) {
        if (vid < 0 || vid >= Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("vector id " + vid + " out of range");
        }
        AtomicReferenceArray<long[]> a = rows;
        if (vid >= a.length()) {
            int size = (int) Math.min(Integer.MAX_VALUE - 8, Math.max(vid + 1, 2L * a.length()));
            AtomicReferenceArray<long[]> grown = new AtomicReferenceArray<>(size);
            for (int i = 0; i < a.length(); i++) {
                grown.lazySet(i, a.get(i));
            }
            grown.set((int) vid, ids);
            rows = grown;
            return;
        }
        a.set((int) vid, ids);
    }

    /** Forgets {@code vid}'s rows; writer only. */
    void remove(long vid) {
        AtomicReferenceArray<long[]> a = rows;
        if (vid >= 0 && vid < a.length()) {
            a.set((int) vid, null);
        }
    }
}
