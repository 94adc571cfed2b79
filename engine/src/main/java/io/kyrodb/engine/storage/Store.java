package io.kyrodb.engine.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the tables of one database share in memory: the estimated bytes in their active memtables
 * (a commit freezes them all past {@code memtable_size}) and the read epochs that keep retired runs
 * alive while a statement may read them. One per open database.
 */
public final class Store {
    private final AtomicLong activeBytes = new AtomicLong();
    private final ReadEpochs epochs = new ReadEpochs();
    private final long memtableKeys;
    private volatile io.kyrodb.engine.storage.run.IndexKind pkIndex;
    /** Schedules the compaction after a delay in milliseconds; set by {@link Storage#start} (none before: no runs yet). */
    private volatile java.util.function.LongConsumer compactionRequests = delay -> { };

    /**
     * @param memtableBytes the memtable_size a commit freezes at; 0 for an in-memory database (never frozen)
     * @param pkIndex       how runs find keys (pk_index); a directory database's own replaces it at open
     */
    public Store(long memtableBytes, io.kyrodb.engine.storage.run.IndexKind pkIndex) {
        this.memtableKeys = memtableBytes > 0 ? Memtable.expectedKeys(memtableBytes) : 0;
        this.pkIndex = pkIndex;
    }

    public io.kyrodb.engine.storage.run.IndexKind pkIndex() {
        return pkIndex;
    }

    /** Set by {@link Storage#open} from the checkpoint, before any table exists. */
    void pkIndex(io.kyrodb.engine.storage.run.IndexKind kind) {
        pkIndex = kind;
    }

    /** A new, empty active memtable sized for this database. */
    Memtable newMemtable() {
        return new Memtable(memtableKeys);
    }

    void compactionRequests(java.util.function.LongConsumer requests) {
        compactionRequests = requests;
    }

    /** Asks the compaction to look at the tables again in {@code delayMillis} (0: now). */
    void requestCompaction(long delayMillis) {
        compactionRequests.accept(delayMillis);
    }

    public ReadEpochs epochs() {
        return epochs;
    }

    /** Estimated heap bytes of every table's active memtable. */
    public long activeBytes() {
        return activeBytes.get();
    }

    void addActive(long bytes) {
        activeBytes.addAndGet(bytes);
    }

    void resetActive() {
        activeBytes.set(0);
    }
}
