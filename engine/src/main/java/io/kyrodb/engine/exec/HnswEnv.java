package io.kyrodb.engine.exec;

import io.kyrodb.engine.vector.VectorIndexes;

import java.util.function.IntSupplier;

/**
 * What an HNSW index scan needs beyond its plan: the database's graphs, and the session's
 * {@code hnsw.ef_search} and {@code hnsw.exact_threshold}, read at each execution (a prepared
 * statement's plan sees a later SET).
 */
public record HnswEnv(VectorIndexes indexes, IntSupplier efSearch, IntSupplier exactThreshold) {
}
