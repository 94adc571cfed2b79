package io.kyrodb.engine.txn;

import io.kyrodb.engine.catalog.Catalog;

/** A committed state: every commit up to {@code seq}, and the catalog as of it. */
public record Committed(long seq, Catalog catalog) {
}
