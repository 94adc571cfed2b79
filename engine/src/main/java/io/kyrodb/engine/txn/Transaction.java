package io.kyrodb.engine.txn;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.Write;

import java.util.ArrayList;
import java.util.List;

/**
 * One session's open transaction: its isolation, its snapshot (REPEATABLE READ and SERIALIZABLE
 * keep one), and once it writes, the writer lock, its private catalog (DDL is transactional), the
 * changes to log at commit and the uncommitted versions to commit or undo. Used by its session's
 * thread only.
 */
public final class Transaction {
    /** A savepoint: how far the transaction had got when it was set. */
    private record Savepoint(String name, int changes, int written, long bytes, Catalog catalog) {
    }

    private final IsolationLevel isolation;
    private final boolean explicit;
    private Committed snapshot;
    private boolean writer;
    private Catalog writeCatalog;
    private Catalog baseCatalog;
    // Created by the first write or savepoint: most transactions are one read.
    private List<Change> changes = List.of();
    private List<Write> written = List.of();
    private List<Savepoint> savepoints = List.of();
    private boolean failed;
    private long bytes;

    public Transaction(IsolationLevel isolation, boolean explicit) {
        this.isolation = isolation;
        this.explicit = explicit;
    }

    public IsolationLevel isolation() { return isolation; }

    /** txid_current(): 0 until asked for or the transaction writes; then fixed. */
    private long xid;

    public long xid() { return xid; }

    /** The transaction's id, taken from {@code next} the first time. */
    public long xid(java.util.function.LongSupplier next) {
        if (xid == 0) {
            xid = next.getAsLong();
        }
        return xid;
    }

    /** Whether BEGIN (or autocommit off) opened it; otherwise it is one autocommit statement. */
    public boolean explicit() { return explicit; }

    public Committed snapshot() { return snapshot; }

    public void snapshot(Committed s) { snapshot = s; }

    public boolean isWriter() { return writer; }

    /** Called once the writer lock is held, with the catalog of the latest commit. */
    public void becomeWriter(Catalog latestCatalog) {
        writer = true;
        writeCatalog = latestCatalog;
        baseCatalog = latestCatalog;
    }

    public Catalog writeCatalog() { return writeCatalog; }

    public void writeCatalog(Catalog c) { writeCatalog = c; }

    public List<Change> changes() { return changes; }

    public List<Write> written() { return written; }

    public void record(Change change) {
        if (changes.isEmpty() && !(changes instanceof ArrayList)) {
            changes = new ArrayList<>();
        }
        changes.add(change);
    }

    public void record(Write w) {
        if (written.isEmpty() && !(written instanceof ArrayList)) {
            written = new ArrayList<>();
        }
        written.add(w);
    }

    /** Estimated memory of the uncommitted versions written so far. */
    public long bytes() { return bytes; }

    public void addBytes(long n) { bytes += n; }

    /** A statement failed inside an explicit transaction: everything but ROLLBACK is refused (25P02). */
    public boolean failed() { return failed; }

    public void fail() { failed = true; }

    public void savepoint(String name) {
        if (!(savepoints instanceof ArrayList)) {
            savepoints = new ArrayList<>();
        }
        savepoints.add(new Savepoint(name, changes.size(), written.size(), bytes, writeCatalog));
    }

    public boolean hasSavepoint(String name) {
        return indexOf(name) >= 0;
    }

    /** Undoes everything after the savepoint (which stays), and clears a failure. */
    public void rollbackTo(String name) {
        int i = indexOf(name);
        Savepoint s = savepoints.get(i);
        undo(s.written());
        bytes = s.bytes();
        truncate(changes, s.changes());
        truncate(savepoints, i + 1);
        if (writer) {
            // A savepoint set before the first write restores the catalog the writer started from.
            writeCatalog = s.catalog() != null ? s.catalog() : baseCatalog;
        }
        failed = false;
    }

    /** Forgets the savepoint and every later one; their work stays. */
    public void release(String name) {
        truncate(savepoints, indexOf(name));
    }

    /** Undoes every uncommitted version, newest first. */
    public void undoAll() {
        undo(0);
    }

    private void undo(int keep) {
        for (int i = written.size() - 1; i >= keep; i--) {
            Write w = written.get(i);
            w.data().rollback(w);
        }
        truncate(written, keep);
    }

    /** Drops the elements from {@code size} on (none for the shared empty list). */
    private static void truncate(List<?> list, int size) {
        if (list.size() > size) {
            list.subList(size, list.size()).clear();
        }
    }

    private int indexOf(String name) {
        for (int i = savepoints.size() - 1; i >= 0; i--) {
            if (savepoints.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
