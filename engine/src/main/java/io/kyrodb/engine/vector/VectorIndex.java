package io.kyrodb.engine.vector;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.function.LongPredicate;

/**
 * An approximate nearest-neighbour index over one vector column, keyed by row id. The engine
 * defines it and knows nothing of its implementation (lucene-vectors provides one through
 * {@link VectorIndexProvider}). Rows that carry the same vector (after normalization, for cosine)
 * share one entry in the graph, so duplicates do not degrade recall.
 * Not thread-safe for writers; searches may run concurrently with each other.
 */
public interface VectorIndex extends Closeable {
    /** A row and its distance to the query, as {@link VectorDistance} computes it. */
    record Neighbor(long rowId, double distance) {
    }

    /**
     * The filter of a search that admits every row (no WHERE, no delta to leave out). Passed as
     * this instance, it lets an implementation skip the per-node row check of the walk.
     */
    LongPredicate ACCEPT_ALL = id -> true;

    VectorIndexSpec spec();

    /** Adds a row's vector, or replaces the one it had. */
    void put(long rowId, float[] vector) throws IOException;

    /**
     * Adds many rows, as {@link #put} each would (a build from a table scan); an implementation may
     * insert them on several threads. {@code rows} is read on the calling thread.
     */
    default void putAll(java.util.Iterator<java.util.Map.Entry<Long, float[]>> rows) throws IOException {
        while (rows.hasNext()) {
            java.util.Map.Entry<Long, float[]> e = rows.next();
            put(e.getKey(), e.getValue());
        }
    }

    /**
     * Where the index finds the encoded primary key of a row it writes (a table whose rows are not
     * keyed by their row id, {@link HnswRowIds}): it stores the key with the row, and {@link #rowKeys}
     * gives it back after a reopen. Set before the first put; without it (the default) no key is stored.
     */
    default void keySource(java.util.function.LongFunction<byte[]> keys) {
    }

    /** The keys stored with the rows (see {@link #keySource}), by row id; empty when none were. */
    default java.util.Map<Long, byte[]> rowKeys() throws IOException {
        return java.util.Map.of();
    }

    /** Removes a row; nothing happens if it has no vector here. */
    void delete(long rowId) throws IOException;

    /** Makes every change so far durable and records that it covers the WAL up to {@code lsn}. */
    void commit(long lsn) throws IOException;

    /** The LSN the last commit recorded (0 for a new index). */
    long committedLsn();

    /** Rows with a vector in the index. */
    long rows();

    /**
     * Up to {@code k} rows that {@code accept} admits, nearest first (ties by row id; with a
     * {@link #keySource}, rows tied with the k-th on distance come too, so the caller can order ties
     * by key), searching the
     * graph with a beam of {@code max(k, efSearch)}; the filter is applied during the walk, so
     * filtered searches do not come back short while enough rows match. Returns null when the walk
     * visited {@code visitLimit} nodes without finishing: the caller should search exactly instead.
     * Rows the index cannot hold (zero vectors under cosine) are never returned. {@code accept} is
     * {@link #ACCEPT_ALL} when every row is admitted. Under cosine (distances computed between
     * normalized vectors, so only within rounding of the rows' own) rows within rounding of the k-th
     * row's distance come too, after it: the caller orders by the rows' exact distance and keeps k.
     */
    List<Neighbor> search(float[] query, int k, int efSearch, LongPredicate accept, int visitLimit) throws IOException;
}
