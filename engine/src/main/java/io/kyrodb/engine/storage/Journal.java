package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.DatabaseLock;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;
import io.kyrodb.engine.wal.WalFormat;
import io.kyrodb.engine.wal.WalReader;
import io.kyrodb.engine.wal.WalRecord;
import io.kyrodb.engine.wal.WalWriter;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * A database directory's write-ahead log and lock: each transaction's changes are one WAL record,
 * which is its commit (the record's CRC makes it all or nothing). Owns the directory lock.
 * <pre>
 * kyro.lock   held while the database is open (a second process gets 55006)
 * wal/        WalWriter's segments; record type 1 = a committed transaction's changes (ChangeCodec),
 *             type 2 = a sequence's new state, outside any transaction:
 *             str name | u64 value | u8 called | u8 set (1: setval or wrap-around, 0: an advance)
 * </pre>
 * Caller serializes {@link #append} (the writer lock); {@link #sync} may come from any thread, and
 * concurrent syncs share one fsync (group commit).
 */
public final class Journal {
    static final byte CHANGES = 1;
    static final byte SEQUENCE = 2;
    private static final Logger LOG = Logger.getLogger(Journal.class.getName());

    private final FileSystem fs;
    private final Path dir;
    private final DatabaseLock lock;
    private final boolean sync;
    private WalWriter wal;
    private long replayed;
    private long replayedBytes;

    private Journal(FileSystem fs, Path dir, DatabaseLock lock, boolean sync) {
        this.fs = fs;
        this.dir = dir;
        this.lock = lock;
        this.sync = sync;
    }

    /**
     * Opens (creating if needed) the database directory and takes its lock. The parent directory is
     * fsynced on every open, not only when this open created the directory: a process that crashed
     * between creating it and that fsync left an entry a power loss could still take away, with
     * every commit acknowledged since.
     */
    public static Journal open(FileSystem fs, Path dir, boolean sync) {
        try {
            if (!fs.exists(dir)) {
                fs.createDirectories(dir);
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                fs.syncDirectory(parent);
            }
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not create database directory " + dir);
        }
        return new Journal(fs, dir, DatabaseLock.acquire(fs, dir), sync);
    }

    /** A transaction replayed at open, with the sequence (WAL LSN) of its commit. */
    public interface Replay {
        void apply(List<Change> changes, long seq);

        /** A sequence's state logged at {@code lsn} (see {@link #appendSequence}). */
        default void sequence(String name, long value, boolean called, boolean set, long lsn) {
        }
    }

    /**
     * Replays the WAL from {@code fromLsn} into {@code apply}, then opens it for appending. Returns
     * the sequence of the last commit recovered ({@code fromLsn - 1} if none).
     */
    public long recover(long fromLsn, Replay apply) {
        long last = fromLsn - 1;
        Path walDir = dir.resolve("wal");
        // Opening the writer first repairs a torn tail and makes what a crashed process left durable.
        wal = WalWriter.open(fs, walDir);
        if (wal.recovered() != null) {
            LOG.info("WAL recovery in " + dir + ": " + wal.recovered());
        }
        if (wal.nextLsn() < fromLsn) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "WAL in " + walDir + " ends before LSN " + wal.nextLsn()
                    + " but the checkpoint covers up to LSN " + (fromLsn - 1) + ": WAL segments are missing");
        }
        try (WalReader reader = WalReader.open(fs, walDir, fromLsn)) {
            for (WalRecord r; (r = reader.next()) != null; ) {
                if (r.type() == SEQUENCE) {
                    SequenceRecord s = SequenceRecord.decode(r.payload(), "at WAL LSN " + r.lsn());
                    apply.sequence(s.name(), s.value(), s.called(), s.set(), r.lsn());
                } else if (r.type() != CHANGES) {
                    throw new KyroException(SqlState.DATA_CORRUPTED, "unknown WAL record type " + r.type()
                            + " at LSN " + r.lsn() + " in " + walDir);
                } else {
                    apply.apply(ChangeCodec.decode(r.payload(), "at WAL LSN " + r.lsn()), r.lsn());
                }
                last = r.lsn();
                replayed++;
                replayedBytes += r.payload().length + WalFormat.RECORD_OVERHEAD;
            }
        }
        if (wal.nextLsn() <= last) {
            throw new KyroException(SqlState.DATA_CORRUPTED, "WAL in " + walDir + " ends at LSN " + (wal.nextLsn() - 1)
                    + " but records up to " + last + " were read");
        }
        return last;
    }

    /** How many WAL records recovery replayed. */
    public long replayed() {
        return replayed;
    }

    /** How many WAL bytes recovery replayed. */
    public long replayedBytes() {
        return replayedBytes;
    }

    /** Appends a transaction's changes as one record and returns its LSN, the commit's sequence. */
    public long append(List<Change> changes) {
        return wal.append(CHANGES, ChangeCodec.encode(changes));
    }

    /**
     * Logs a sequence's state outside any transaction and returns its LSN; {@link #sync} makes it
     * durable. Needs no writer lock: the WAL serializes appends itself, and recovery takes the
     * records in LSN order.
     */
    public long appendSequence(String name, long value, boolean called, boolean set) {
        return wal.append(SEQUENCE, SequenceRecord.encode(name, value, called, set));
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

    /** Makes everything appended durable, whatever {@code sync} says (checkpoints, close). */
    public void syncAll() {
        wal.sync();
    }

    /**
     * The WAL's segments and how much of each holds records appended so far (bytes that never
     * change again): what a backup copies.
     */
    public List<WalWriter.SegmentExtent> walExtents() {
        return wal.extents();
    }

    /** The LSN the next append gets. */
    public long nextLsn() {
        return wal.nextLsn();
    }

    /** Deletes the WAL segments wholly before {@code lsn}, which a checkpoint covers. */
    public void deleteBefore(long lsn) {
        wal.deleteSegmentsBefore(lsn);
    }

    public Path directory() {
        return dir;
    }

    /** Syncs and closes the WAL and releases the lock. */
    public void close() {
        try {
            if (wal != null) {
                wal.close();
            }
        } finally {
            wal = null;
            lock.close();
        }
    }

    /** Closes the WAL without syncing what is buffered, as a crash would, and releases the lock. */
    public void abandon() {
        try {
            if (wal != null) {
                wal.abandon();
            }
        } catch (RuntimeException e) {
            LOG.warning("abandoning the WAL of " + dir + ": " + e.getMessage());
        } finally {
            wal = null;
            lock.close();
        }
    }

    /** Releases the WAL and the lock, logging instead of throwing (after a failed open or close). */
    public void closeQuietly() {
        try {
            close();
        } catch (RuntimeException e) {
            LOG.warning("closing the WAL of " + dir + " failed: " + e.getMessage());
        }
    }
}
