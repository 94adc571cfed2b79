package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Column;

import java.util.List;

/**
 * One logical change of a statement, validated before it is logged: what the journal writes and
 * what recovery replays. A statement's changes are applied together or not at all.
 */
public sealed interface Change {
    record CreateTable(String name, List<Column> columns, int[] primaryKey) implements Change {
    }

    record DropTable(String name) implements Change {
    }

    /** Insert or replace the row stored under {@code key}. */
    record Put(String table, Object key, Object[] row) implements Change {
    }

    record Delete(String table, Object key) implements Change {
    }
}
