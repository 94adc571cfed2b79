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

    /**
     * CREATE INDEX: {@code columns} are positions in {@code table}; the entries of its rows follow
     * as Puts on the index's name (see {@link io.kyrodb.engine.catalog.Index}).
     */
    record CreateIndex(String name, String table, int[] columns, boolean[] descending, boolean unique)
            implements Change {
    }

    record DropIndex(String name) implements Change {
    }

    /** CREATE [OR REPLACE] VIEW: see {@link io.kyrodb.engine.catalog.View}. */
    record CreateView(String name, List<String> columns, String query, List<String> dependsOn) implements Change {
    }

    record DropView(String name) implements Change {
    }

    /** Insert or replace the row stored under {@code key}. */
    record Put(String table, Object key, Object[] row) implements Change {
    }

    record Delete(String table, Object key) implements Change {
    }
}
