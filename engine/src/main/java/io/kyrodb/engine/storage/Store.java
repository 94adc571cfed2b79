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

    /** @param memtableBytes the memtable_size a commit freezes at; 0 for an in-memory database (never frozen) */
    public Store(long memtableBytes) {
        this.memtableKeys = memtableBytes > 0 ? Memtable.expectedKeys(memtableBytes) : 0;
    }

    /** A new, empty active memtable sized for this database. */
    Memtable newMemtable() {
        return new Memtable(memtableKeys);
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
