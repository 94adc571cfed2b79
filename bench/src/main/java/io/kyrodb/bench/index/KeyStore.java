package io.kyrodb.bench.index;

/** A growing set of signed 64-bit keys, for the mixed insert/lookup workload. Single-threaded. */
public interface KeyStore {
    /** Adds {@code key}; adding a key already held changes nothing. */
    void insert(long key);

    boolean contains(long key);

    long size();
}
