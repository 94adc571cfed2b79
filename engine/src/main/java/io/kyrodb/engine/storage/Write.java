package io.kyrodb.engine.storage;

/**
 * An uncommitted version a transaction wrote, with where it lives: the table's active memtable
 * under {@code key} (encoded). The writing transaction commits it ({@link Version#commit}), rolls
 * it back or prunes behind it through {@link TableData}.
 */
public record Write(TableData data, byte[] key, Version version) {
}
