package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.Run;

import java.util.List;

/**
 * Where a table's rows are, newest first: the active memtable (the writer's), frozen memtables
 * waiting to be flushed, then runs. Every version in a source is newer than every version of the
 * same key in the sources after it, so a reader takes the first visible version it meets.
 * Immutable; {@link TableData} swaps in a new one for each freeze, flush and compaction.
 */
record TableState(Memtable active, List<Memtable> frozen, List<Run> runs) {
    TableState {
        frozen = List.copyOf(frozen);
        runs = List.copyOf(runs);
    }
}
