package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.fs.DatabaseLock;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;
import io.kyrodb.engine.wal.WalReader;
import io.kyrodb.engine.wal.WalRecord;
import io.kyrodb.engine.wal.WalWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * The walking skeleton's persistence for a database directory: each transaction's changes are one
 * WAL record, which is its commit (the record's CRC makes it all or nothing); closing writes a
 * {@link Snapshot} and drops the WAL segments it covers.
 * Recovery loads the snapshot and replays the WAL tail after it. Owns the directory lock.
 * <pre>
 * kyro.lock   held while the database is open (a second process gets 55006)
 * wal/        WalWriter's segments; record type 1 = a committed transaction's changes (ChangeCodec)
 * snapshot    the whole database as of a WAL LSN (Snapshot)
 * </pre>
 * Caller serializes {@link #append} (the writer lock); {@link #sync} may come from any thread, and
 * concurrent syncs share one fsync (group commit).
 */
public final class Journal {
    static final byte CHANGES = 1;
    private static final Logger LOG = Logger.getLogger(Journal.class.getName());

    private final FileSystem fs;
    private final Path dir;
    private final DatabaseLock lock;
    private final boolean sync;
    private WalWriter wal;
    private long replayed;

    private Journal(FileSystem fs, Path dir, DatabaseLock lock, boolean sync) {
        this.fs = fs;
        this.dir = dir;
        this.lock = lock;
        this.sync = sync;
    }

    /** Opens (creating if needed) the database directory and takes its lock. */
    public static Journal open(FileSystem fs, Path dir, boolean sync) {
        try {
            if (!fs.exists(dir)) {
                fs.createDirectories(dir);
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    fs.syncDirectory(parent);
                }
            }
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not create database directory " + dir);
        }
        return new Journal(fs, dir, DatabaseLock.acquire(fs, dir), sync);
    }

    /** A change replayed at open, with the sequence (WAL LSN) of the commit that made it. */
    public interface Replay {
        void apply(Change change, long seq);
    }

    /**
     * Loads the snapshot and replays the WAL after it into {@code apply}; then opens the WAL for
     * appending. Returns the sequence of the last commit recovered (0 for a new database).
     */
    public long recover(Replay apply) {
        long from = Snapshot.load(fs, dir, c -> apply.apply(c, 0));
        long last = from - 1;
        Path walDir = dir.resolve("wal");
        if (fs.exists(walDir)) {
            try (WalReader reader = WalReader.open(fs, walDir, from)) {
                for (WalRecord r; (r = reader.next()) != null; ) {
                    if (r.type() != CHANGES) {
                        throw new KyroException(SqlState.DATA_CORRUPTED, "unknown WAL record type " + r.type()
                                + " at LSN " + r.lsn() + " in " + walDir);
                    }
                    for (Change c : ChangeCodec.decode(r.payload(), "at WAL LSN " + r.lsn())) {
                        apply.apply(c, r.lsn());
                    }
                    last = r.lsn();
                    replayed++;
                }
                if (reader.tornTail() != null) {
                    LOG.info("WAL recovery: " + reader.tornTail());
                }
            }
        }
        wal = WalWriter.open(fs, walDir);
        return last;
    }

    /** How many WAL records recovery replayed. */
    public long replayed() {
        return replayed;
    }

    /** Appends a transaction's changes as one record and returns its LSN, the commit's sequence. */
    public long append(List<Change> changes) {
        return wal.append(CHANGES, ChangeCodec.encode(changes));
    }

    /**
     * Returns once the record {@code lsn} and all before it are durable, sharing an fsync with
     * concurrent committers; with {@code sync=off} only hands them to the OS, so a process crash
     * still loses nothing.
     */
    public void sync(long lsn) {
        if (sync) {
            wal.sync(lsn);
        } else {
            wal.flushToOs();
        }
    }

    /**
     * Checkpoints what {@code view} sees of {@code catalog} (every commit, at close) into the
     * snapshot, drops the WAL it covers and releases the lock.
     */
    public void close(Catalog catalog, ReadView view) {
        try {
            wal.sync();
            long covered = wal.nextLsn();
            Snapshot.write(fs, dir, catalog, view, covered);
            wal.deleteSegmentsBefore(covered);
        } finally {
            closeQuietly();
        }
    }

    /** Releases the WAL and the lock without a checkpoint (after a failed open, or a failed close). */
    public void closeQuietly() {
        try {
            if (wal != null) {
                wal.close();
            }
        } catch (RuntimeException e) {
            LOG.warning("closing the WAL of " + dir + " failed: " + e.getMessage());
        } finally {
            wal = null;
            lock.close();
        }
    }
}
