package io.kyrodb.engine;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.fs.TempSpace;
import io.kyrodb.engine.settings.Setting;
import io.kyrodb.engine.settings.SettingKind;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.storage.Storage;
import io.kyrodb.engine.storage.Store;
import io.kyrodb.engine.storage.Write;
import io.kyrodb.engine.storage.run.IndexKind;
import io.kyrodb.engine.txn.Committed;
import io.kyrodb.engine.txn.Transaction;
import io.kyrodb.engine.txn.TransactionManager;

import java.io.IOException;
import java.util.logging.Logger;

/**
 * One open database, shared by every session connected to it in this JVM: its tables (memtables
 * and runs), its {@link Storage} (WAL, runs, checkpoints; none for an in-memory database), and the
 * transaction contract's state ({@link TransactionManager}).
 *
 * <p>Commit (ARCHITECTURE.md, "Transactions"): under the writer lock the transaction's changes are
 * appended to the WAL as one record whose LSN becomes the commit's sequence, its versions are
 * stamped with it, and the lock is released; then the committer waits for the WAL to be durable
 * (one fsync covers every commit appended before it) and publishes the commit to new snapshots.
 */
public final class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());

    private final DatabaseLocation location;
    private final Settings engineSettings;
    private final Store store;
    private final Storage storage;
    private final TransactionManager transactions;
    private final TempSpace tempSpace;
    /** pg_advisory_lock and friends, across this database's sessions. */
    private final io.kyrodb.engine.txn.AdvisoryLocks advisoryLocks = new io.kyrodb.engine.txn.AdvisoryLocks();
    private final io.kyrodb.engine.vector.VectorIndexes vectors;
    private final long transactionMemory;
    private long memorySeq;   // the commit sequence of an in-memory database; guarded by the writer lock

    Database(DatabaseLocation location, Settings settings) {
        this(location, settings, LocalFileSystem.INSTANCE);
    }

    /** Opens {@code location}; a directory's files go through {@code fs} (tests inject faults there). */
    Database(DatabaseLocation location, Settings settings, FileSystem fs) {
        this.location = location;
        this.engineSettings = settings;
        long heap = Runtime.getRuntime().maxMemory();
        this.transactionMemory = Math.min(Setting.bytes(settings.get(Setting.TRANSACTION_MEMORY)), heap / 4);
        if (location instanceof DatabaseLocation.Directory dir) {
            long memtable = Math.min(Setting.bytes(settings.get(Setting.MEMTABLE_SIZE)), heap / 16);
            this.store = new Store(memtable, IndexKind.parse(settings.get(Setting.PK_INDEX)));
            long cache = Math.min(Setting.bytes(settings.get(Setting.CACHE_SIZE)), heap / 4);
            Storage.Opened opened = Storage.open(fs, dir.path(), settings, store, memtable, cache);
            this.storage = opened.storage();
            this.transactions = new TransactionManager(new Committed(opened.recovered().lastSeq(),
                    opened.recovered().catalog()));
            this.tempSpace = TempSpace.inDatabase(fs, dir.path());
            clearTempSpace();
            this.vectors = new io.kyrodb.engine.vector.VectorIndexes(dir.path().resolve("vectors"), transactions);
            vectors.open(opened.recovered().catalog(), opened.recovered().lastSeq(), opened.storage().journal());
            storage.start(new Storage.Hooks() {
                @Override
                public long walNeededFrom() {
                    return vectors.walNeededFrom();
                }

                @Override
                public long oldestSnapshot() {
                    return transactions.oldestSnapshot();
                }

                @Override
                public Catalog latestCatalog() {
                    return transactions.latest().catalog();
                }

                @Override
                public long latestSeq() {
                    return transactions.latest().seq();
                }
            });
        } else {
            this.store = new Store(0, IndexKind.parse(settings.get(Setting.PK_INDEX)));
            this.storage = null;
            this.transactions = new TransactionManager(new Committed(0, Catalog.empty()));
            this.tempSpace = TempSpace.inSystemTemp();
            this.vectors = new io.kyrodb.engine.vector.VectorIndexes(null, transactions);
        }
    }

    /** The HNSW indexes' graphs and deltas. */
    io.kyrodb.engine.vector.VectorIndexes vectors() {
        return vectors;
    }

    public DatabaseLocation location() {
        return location;
    }

    TransactionManager transactions() {
        return transactions;
    }

    /** What the tables share; sessions create tables with it. */
    Store store() {
        return store;
    }

    /** The settings this database was created with (kind DATABASE); for an in-memory one, the first connection's. */
    java.util.Map<String, String> databaseSettings() {
        if (storage != null) {
            return storage.databaseSettings();
        }
        java.util.Map<String, String> m = new java.util.TreeMap<>();
        for (Setting s : Setting.all()) {
            if (s.kind() == SettingKind.DATABASE) {
                m.put(s.key(), engineSettings.get(s));
            }
        }
        return m;
    }

    /** Where committed sequences log their advances: the WAL, or nowhere for an in-memory database. */
    io.kyrodb.engine.catalog.SequenceLog sequenceLog() {
        if (storage == null) {
            return io.kyrodb.engine.catalog.SequenceLog.NONE;
        }
        return new io.kyrodb.engine.catalog.SequenceLog() {
            @Override
            public long log(String name, long value, boolean called, boolean set) {
                return storage.journal().appendSequence(name, value, called, set);
            }

            @Override
            public void sync(long lsn) {
                storage.journal().sync(lsn);
            }
        };
    }

    /** Where this database's statements spill. */
    io.kyrodb.engine.txn.AdvisoryLocks advisoryLocks() {
        return advisoryLocks;
    }

    TempSpace tempSpace() {
        return tempSpace;
    }

    /** The backend pids of the sessions open on this database: their temporary schemas are in use. */
    private final java.util.Set<Integer> liveSessions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    void sessionStarted(int backendPid) {
        liveSessions.add(backendPid);
    }

    void sessionEnded(int backendPid) {
        liveSessions.remove(backendPid);
        activities.remove(backendPid);
    }

    /** What each open session is doing (pg_stat_activity), by backend pid. */
    private final java.util.Map<Integer, SessionActivity> activities = new java.util.concurrent.ConcurrentHashMap<>();

    void sessionActivity(int backendPid, SessionActivity activity) {
        activities.put(backendPid, activity);
    }

    /** Every open session's activity, by pid. */
    java.util.List<io.kyrodb.engine.catalog.system.SessionCalls.Activity> activities() {
        return activities.values().stream().map(SessionActivity::row)
                .sorted(java.util.Comparator.comparingInt(io.kyrodb.engine.catalog.system.SessionCalls.Activity::pid))
                .toList();
    }

    /** Whether an open session has backend pid {@code pid} (as text: the suffix of a temporary schema's name). */
    boolean sessionLive(String pid) {
        try {
            return liveSessions.contains(Integer.parseInt(pid));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The most a transaction's uncommitted versions may take (transaction_memory, capped by the heap). */
    long transactionMemory() {
        return transactionMemory;
    }

    /** Checks that a new connection's engine and database settings agree with the open database's. */
    void checkEngineSettings(Settings requested) {
        if (storage != null) {
            Storage.checkDatabaseSettings(((DatabaseLocation.Directory) location).path(), storage.databaseSettings(),
                    requested);
        }
        for (Setting s : Setting.all()) {
            if (s.kind() == SettingKind.ENGINE && requested.isSet(s) && !requested.get(s).equals(engineSettings.get(s))) {
                throw new KyroException(SqlState.CONNECTION_REJECTED, "setting \"" + s.key() + "\" is "
                        + engineSettings.get(s) + " for the open database " + describe() + ", but this connection asks for "
                        + requested.get(s) + "; engine settings are shared by every connection to a database");
            }
        }
    }

    String describe() {
        return switch (location) {
            case DatabaseLocation.Directory d -> d.path().toString();
            case DatabaseLocation.NamedMemory m -> "mem:" + m.name();
            case DatabaseLocation.PrivateMemory p -> "mem:";
        };
    }

    /**
     * Commits a writing transaction; the caller holds the writer lock, which this releases. Returns
     * once the commit is durable and visible to new snapshots. If the WAL fails, the error is thrown
     * and the commit is not visible; the database must be reopened (the WAL refuses further writes).
     */
    void commit(Transaction txn) {
        long seq;
        try {
            if (txn.changes().isEmpty()) {
                return;
            }
            if (storage != null) {
                storage.awaitFlushCapacity();
                seq = storage.journal().append(txn.changes());
            } else {
                seq = ++memorySeq;
            }
            for (io.kyrodb.engine.storage.Change c : txn.changes()) {
                if (c instanceof io.kyrodb.engine.storage.Change.CreateSequence s) {
                    s.sequence().markDurable();   // its state is in the record: advances are logged from now on
                }
            }
            for (Write w : txn.written()) {
                w.version().commit(seq);
            }
            transactions.appended(seq, txn.writeCatalog());
            vectors.committed(seq, txn.changes(), txn.writeCatalog());
            long oldest = transactions.oldestSnapshot();
            for (Write w : txn.written()) {
                w.data().prune(w, oldest);
            }
            if (storage != null) {
                storage.afterCommit(seq, txn.writeCatalog());
            }
        } catch (RuntimeException e) {
            txn.undoAll();
            throw e;
        } finally {
            transactions.unlockWriter();
        }
        if (storage != null) {
            storage.journal().sync(seq);
        }
        transactions.publish(seq);
    }

    /**
     * CHECKPOINT: freezes what the memtables hold and waits until it is in runs and a checkpoint
     * (so reopening replays nothing written before). Nothing to do for an in-memory database.
     */
    void checkpoint(long lockTimeoutMillis) {
        if (storage == null) {
            return;
        }
        transactions.lockWriter(lockTimeoutMillis);
        long target;
        try {
            storage.awaitFlushCapacity();
            Committed latest = transactions.latest();
            target = storage.freezeNow(latest.seq(), latest.catalog());
        } finally {
            transactions.unlockWriter();
        }
        storage.awaitFlushed(target);
    }

    /**
     * Stops the database as a crash would, without a flush or checkpoint: background work ends,
     * the WAL and the lock are released. The in-memory state is abandoned (crash tests, and a
     * database whose WAL failed).
     */
    void halt() {
        vectors.abandon();
        if (storage != null) {
            storage.abandon();
        }
    }

    /** Waits until no flush or compaction is pending or running (tests). */
    void awaitBackgroundIdle() {
        if (storage != null) {
            storage.awaitIdle();
        }
    }

    /** VACUUM [table]: a checkpoint, then every table's (or one table's) runs merged into one, dropping what no snapshot needs. */
    void vacuum(long lockTimeoutMillis, io.kyrodb.engine.catalog.Table only) {
        if (storage == null) {
            return;
        }
        checkpoint(lockTimeoutMillis);
        storage.vacuum(only == null ? null : only.data());
    }

    /** BACKUP TO: a consistent copy of this database in {@code target}, which opens as a database. */
    void backup(java.nio.file.Path target) {
        if (storage == null) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "BACKUP copies a database directory; "
                    + describe() + " is in memory");
        }
        storage.backup(target);
    }

    /** Called by {@link Databases} when the last session closes: flushes, checkpoints and releases the directory. */
    void close() {
        vectors.close();
        if (storage != null) {
            transactions.lockWriter(0);
            try {
                Committed latest = transactions.latest();
                try {
                    for (io.kyrodb.engine.catalog.Sequence s : latest.catalog().sequences()) {
                        s.settle(sequenceLog());
                    }
                } catch (RuntimeException e) {
                    // the logged-ahead states stand: the next open skips ahead, it never repeats a value
                    LOG.warning("could not record the sequences' exact state at close: " + e.getMessage());
                }
                storage.close(latest.seq(), latest.catalog());
            } finally {
                transactions.unlockWriter();
                clearTempSpace();
            }
        }
    }

    private void clearTempSpace() {
        try {
            tempSpace.clear();
        } catch (IOException e) {
            LOG.warning("could not clear " + location + "'s spill files: " + e.getMessage());
        }
    }
}
