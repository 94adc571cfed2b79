package io.kyrodb.engine;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.settings.Setting;
import io.kyrodb.engine.settings.SettingKind;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.storage.Journal;

import java.util.List;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One open database, shared by every session connected to it in this JVM. In the walking skeleton
 * statements are serialized by a read-write lock: queries share it, writing statements take it
 * exclusively (the storage issue replaces this with MVCC snapshots and a writer lock). A writing
 * statement's changes are journaled and fsynced before they are applied, so nothing becomes
 * visible before it is durable.
 */
public final class Database {
    private final DatabaseLocation location;
    private final Settings engineSettings;
    private final Catalog catalog = new Catalog();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Journal journal;

    Database(DatabaseLocation location, Settings settings) {
        this.location = location;
        this.engineSettings = settings;
        if (location instanceof DatabaseLocation.Directory dir) {
            this.journal = Journal.open(LocalFileSystem.INSTANCE, dir.path(), settings.isOn(Setting.SYNC));
            lock.writeLock().lock();
            try {
                journal.recover(this::applyInMemory);
            } catch (RuntimeException e) {
                journal.closeQuietly();
                throw e;
            } finally {
                lock.writeLock().unlock();
            }
        } else {
            this.journal = null;
        }
    }

    public DatabaseLocation location() {
        return location;
    }

    Catalog catalog() {
        return catalog;
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

    <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    <T> T write(Supplier<T> work) {
        lock.writeLock().lock();
        try {
            return work.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Journals {@code changes} (durable on return when {@code sync}) and applies them. Caller holds
     * the write lock. If journaling fails nothing is applied.
     */
    void commit(List<Change> changes, boolean sync) {
        if (changes.isEmpty()) {
            return;
        }
        if (journal != null) {
            journal.append(changes);
            if (sync) {
                journal.sync();
            }
        }
        for (Change c : changes) {
            applyInMemory(c);
        }
    }

    /** Makes everything journaled so far durable. Caller holds the write lock. */
    void sync() {
        if (journal != null) {
            journal.sync();
        }
    }

    private void applyInMemory(Change change) {
        switch (change) {
            case Change.CreateTable c -> catalog.add(new Table(c.name(), c.columns(), c.primaryKey()));
            case Change.DropTable d -> catalog.remove(d.name());
            case Change.Put p -> catalog.table(p.table()).data().put(p.key(), p.row());
            case Change.Delete d -> catalog.table(d.table()).data().remove(d.key());
        }
    }

    /** Called by {@link Databases} when the last session closes. */
    void close() {
        if (journal != null) {
            write(() -> {
                journal.close(catalog);
                return null;
            });
        }
    }
}
