package io.kyrodb.engine;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.fs.TempSpace;
import io.kyrodb.engine.settings.Setting;
import io.kyrodb.engine.settings.SettingKind;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.Journal;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.txn.Committed;
import io.kyrodb.engine.txn.Transaction;
import io.kyrodb.engine.txn.TransactionManager;

/**
 * One open database, shared by every session connected to it in this JVM: its rows (MVCC version
 * chains on the heap), its journal, and the transaction contract's state ({@link TransactionManager}).
 *
 * <p>Commit (ARCHITECTURE.md, "Transactions"): under the writer lock the transaction's changes are
 * appended to the WAL as one record whose LSN becomes the commit's sequence, its versions are
 * stamped with it, and the lock is released; then the committer waits for the WAL to be durable
 * (one fsync covers every commit appended before it) and publishes the commit to new snapshots.
 */
public final class Database {
    private final DatabaseLocation location;
    private final Settings engineSettings;
    private final Journal journal;
    private final TransactionManager transactions;
    private final TempSpace tempSpace;
    private long memorySeq;   // the commit sequence of an in-memory database; guarded by the writer lock

    Database(DatabaseLocation location, Settings settings) {
        this.location = location;
        this.engineSettings = settings;
        if (location instanceof DatabaseLocation.Directory dir) {
            this.journal = Journal.open(LocalFileSystem.INSTANCE, dir.path(), settings.isOn(Setting.SYNC));
            Catalog[] catalog = {Catalog.empty()};
            long last;
            try {
                last = journal.recover((change, seq) -> catalog[0] = recover(catalog[0], change, seq));
            } catch (RuntimeException e) {
                journal.closeQuietly();
                throw e;
            }
            this.transactions = new TransactionManager(new Committed(last, catalog[0]));
            this.tempSpace = TempSpace.inDatabase(LocalFileSystem.INSTANCE, dir.path());
        } else {
            this.journal = null;
            this.transactions = new TransactionManager(new Committed(0, Catalog.empty()));
            this.tempSpace = TempSpace.inSystemTemp();
        }
    }

    private static Catalog recover(Catalog catalog, Change change, long seq) {
        switch (change) {
            case Change.CreateTable c -> {
                return catalog.with(new Table(c.name(), c.columns(), c.primaryKey()));
            }
            case Change.DropTable d -> {
                return catalog.without(d.name());
            }
            case Change.Put p -> catalog.table(p.table()).data().recover(p.key(), p.row(), seq);
            case Change.Delete d -> catalog.table(d.table()).data().recover(d.key(), null, seq);
        }
        return catalog;
    }

    public DatabaseLocation location() {
        return location;
    }

    /** Where this database's statements spill. */
    TempSpace tempSpace() {
        return tempSpace;
    }

    TransactionManager transactions() {
        return transactions;
    }

    /** Checks that a new connection's engine settings agree with the open engine's. */
    void checkEngineSettings(Settings requested) {
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
            seq = journal != null ? journal.append(txn.changes()) : ++memorySeq;
            for (Transaction.Written w : txn.written()) {
                w.version().commit(seq);
            }
            transactions.appended(seq, txn.writeCatalog());
            long oldest = transactions.oldestSnapshot();
            for (Transaction.Written w : txn.written()) {
                w.data().prune(w.key(), oldest);
            }
        } catch (RuntimeException e) {
            txn.undoAll();
            throw e;
        } finally {
            transactions.unlockWriter();
        }
        if (journal != null) {
            journal.sync(seq);
        }
        transactions.publish(seq);
    }

    /** Called by {@link Databases} when the last session closes: checkpoints and releases the directory. */
    void close() {
        if (journal != null) {
            transactions.lockWriter(0);
            try {
                Committed latest = transactions.latest();
                journal.close(latest.catalog(), new ReadView(latest.seq(), false));
            } finally {
                transactions.unlockWriter();
            }
        }
    }
}
