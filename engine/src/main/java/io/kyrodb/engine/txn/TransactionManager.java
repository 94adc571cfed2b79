package io.kyrodb.engine.txn;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Semaphore;

/**
 * The transaction contract's shared state for one database (ARCHITECTURE.md, "Transactions"):
 * <ul>
 * <li>the writer lock: a transaction takes it at its first write and keeps it until it ends;</li>
 * <li>{@link #latest()}: every commit appended to the WAL, durable or not; writers read it;</li>
 * <li>{@link #openSnapshot()}: what new snapshots see, advanced only when a commit is durable,
 * in LSN order ({@link #publish});</li>
 * <li>the open snapshots, so that versions an open snapshot can see are never pruned.</li>
 * </ul>
 * Locks: the writer lock, then this object's monitor (never the other way round).
 */
public final class TransactionManager {
    // A semaphore, not a lock owned by a thread: a pooled connection may end its transaction on
    // another thread than the one that began it.
    private final Semaphore writer = new Semaphore(1, true);
    private volatile Committed visible;
    private volatile Committed latest;                          // written under the writer lock
    private final TreeMap<Long, Catalog> pending = new TreeMap<>();   // guarded by this
    private final TreeMap<Long, Integer> open = new TreeMap<>();      // guarded by this

    public TransactionManager(Committed initial) {
        this.visible = initial;
        this.latest = initial;
        this.xids = new java.util.concurrent.atomic.AtomicLong(Math.max(initial.seq(), 0) + XID_START);
    }

    /**
     * Transaction ids (txid_current): increasing while the database is open, and after a reopen
     * starting above the last commit's sequence number, which every earlier commit's id stays below
     * only approximately (an id a read-only transaction took is not logged). Starts at 3, above
     * PostgreSQL's special xids.
     */
    private final java.util.concurrent.atomic.AtomicLong xids;
    private static final long XID_START = 3;

    public long nextXid() {
        return xids.getAndIncrement();
    }

    // ---- Readers -----------------------------------------------------------------------------

    /** Takes and registers a snapshot of the durable state; {@link #closeSnapshot} must follow. */
    public synchronized Committed openSnapshot() {
        Committed c = visible;
        open.merge(c.seq(), 1, Integer::sum);
        return c;
    }

    /** Registers {@code snapshot} once more (a result that outlives its transaction); close it again. */
    public synchronized void retainSnapshot(Committed snapshot) {
        open.merge(snapshot.seq(), 1, Integer::sum);
    }

    public synchronized void closeSnapshot(Committed snapshot) {
        open.computeIfPresent(snapshot.seq(), (k, n) -> n == 1 ? null : n - 1);
    }

    /** No version visible at this sequence or later may be pruned. */
    public synchronized long oldestSnapshot() {
        long v = visible.seq();
        return open.isEmpty() ? v : Math.min(open.firstKey(), v);
    }

    public Committed visible() {
        return visible;
    }

    // ---- The writer ---------------------------------------------------------------------------

    /** Takes the writer lock, waiting at most {@code timeoutMillis} (0: forever); 55P03 otherwise. */
    public void lockWriter(long timeoutMillis) {
        boolean locked;
        try {
            locked = timeoutMillis <= 0 ? lockForever() : writer.tryAcquire(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KyroException(SqlState.QUERY_CANCELED, "interrupted while waiting for the writer lock");
        }
        if (!locked) {
            throw new KyroException(SqlState.LOCK_NOT_AVAILABLE, "could not obtain the writer lock within lock_timeout ("
                    + timeoutMillis + " ms): another transaction is writing to this database; one writer at a time");
        }
    }

    private boolean lockForever() throws InterruptedException {
        writer.acquire();
        return true;
    }

    /** Takes the writer lock if no other transaction holds it; false (without waiting) if one does. */
    public boolean tryLockWriter() {
        return writer.tryAcquire();
    }

    public void unlockWriter() {
        writer.release();
    }

    /** The newest appended commit: what the writer lock's holder reads and builds on. */
    public Committed latest() {
        return latest;
    }

    /** Records a commit appended at {@code seq}; called under the writer lock, before it is released. */
    public void appended(long seq, Catalog catalog) {
        latest = new Committed(seq, catalog);
        synchronized (this) {
            pending.put(seq, catalog);
        }
    }

    /**
     * Makes every commit up to {@code durableSeq} visible to new snapshots. Called once the WAL is
     * durable through it; commits become visible in LSN order because an fsync covers all before it.
     */
    public synchronized void publish(long durableSeq) {
        if (durableSeq <= visible.seq()) {
            return;
        }
        Map.Entry<Long, Catalog> last = pending.floorEntry(durableSeq);
        Catalog catalog = last == null ? visible.catalog() : last.getValue();
        pending.headMap(durableSeq, true).clear();
        visible = new Committed(durableSeq, catalog);
    }
}
