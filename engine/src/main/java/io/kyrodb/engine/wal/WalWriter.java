package io.kyrodb.engine.wal;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends to the segmented WAL in {@code wal/}; {@link WalReader} reads it back. See docs/format/wal.md.
 * Segment: header magic "KYROWAL\0" | u32 version | u64 first LSN | u32 crc32c, then records.
 * Record (little-endian): u32 length | u64 lsn | u8 type | payload[length] | u32 crc32c(all before)
 * LSNs start at 1 and grow by 1 per record, across segments; a segment is named after its first LSN.
 * Durable once sync() returns: it covers every record appended before it was called.
 * A new segment starts when the current one would pass the segment size; the old one is fsynced
 * first, the new one's header is fsynced and then the directory, so only the newest segment can
 * ever hold a torn tail. Recovery (open) truncates that tail at the last good record.
 * These constants are on disk: never change them; add a version instead (see {@link WalFormat}).
 *
 * <p><b>Threads.</b> {@link #append} and {@link #sync} may be called from different threads. An
 * append lock guards the buffer and the current segment; a sync lock serializes syncs, and the
 * fsync itself runs outside the append lock, so appends continue while a sync waits for the disk
 * (group commit: {@link #sync(long)} returns at once if another sync already covered the LSN).
 * Lock order: sync lock, then append lock.
 *
 * <p><b>Errors.</b> A failed write or fsync makes the writer unusable: every later call throws
 * (58030, or 53100 for a full disk). After a failed fsync the kernel may have dropped the dirty
 * pages and report the next fsync as a success, so retrying cannot be trusted; reopening the
 * database runs recovery from what is really on disk. {@link #durableLsn()} never claims more
 * than an fsync that returned.
 */
public final class WalWriter implements Closeable {

    /**
     * @param segmentSize start a new segment when a record would make the current one larger
     *                    (a segment holds at least one record, so it can be larger)
     * @param bufferSize  bytes collected in memory before a write system call
     */
    public record Options(long segmentSize, int bufferSize) {
        public static final Options DEFAULT = new Options(64L << 20, 64 << 10);

        public Options {
            if (segmentSize <= WalFormat.HEADER_SIZE + WalFormat.RECORD_OVERHEAD) {
                throw new IllegalArgumentException("segment size " + segmentSize + " is below the minimum of "
                        + (WalFormat.HEADER_SIZE + WalFormat.RECORD_OVERHEAD + 1));
            }
            if (bufferSize < WalFormat.RECORD_OVERHEAD) {
                throw new IllegalArgumentException("buffer size " + bufferSize + " is below the minimum of "
                        + WalFormat.RECORD_OVERHEAD);
            }
        }
    }

    private final FileSystem fs;
    private final Path dir;
    private final Options options;
    private final String recovered;
    private final ReentrantLock syncLock = new ReentrantLock();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final AtomicLong durableLsn = new AtomicLong();
    private volatile KyroException failure;

    // Guarded by appendLock.
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private final List<FileHandle> retired = new ArrayList<>();
    private final ByteBuffer buffer;
    private FileHandle current;
    private Path currentPath;
    private long writeOffset;
    private long nextLsn;
    private boolean closed;

    private WalWriter(FileSystem fs, Path dir, Options options, String recovered) {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.recovered = recovered;
        this.buffer = ByteBuffer.allocate(options.bufferSize()).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** {@link #open(FileSystem, Path, Options)} with {@link Options#DEFAULT}. */
    public static WalWriter open(FileSystem fs, Path walDir) {
        return open(fs, walDir, Options.DEFAULT);
    }

    /**
     * Opens the WAL in {@code walDir} for appending, creating it if missing; fsyncs {@code walDir}
     * and its parent. Recovers the newest segment: a torn tail is truncated at the last good
     * record, an interrupted segment creation is deleted, and what remains is fsynced, so the next
     * record continues the log. Corruption throws {@code XX001} as {@link WalReader} does.
     */
    public static WalWriter open(FileSystem fs, Path walDir, Options options) {
        try {
            return WalRecovery.openForAppend(fs, walDir, options);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not open WAL " + walDir);
        }
    }

    /** Called by {@link WalRecovery} once it knows where the log ends; takes over {@code handle}. */
    static WalWriter resume(FileSystem fs, Path dir, Options options, TreeMap<Long, Path> segments,
                            FileHandle handle, long endOffset, long nextLsn, String recovered) {
        WalWriter w = new WalWriter(fs, dir, options, recovered);
        w.segments.putAll(segments);
        w.current = handle;
        w.currentPath = handle.path();
        w.writeOffset = endOffset;
        w.nextLsn = nextLsn;
        w.durableLsn.set(nextLsn - 1);
        return w;
    }

    /** Creates the first segment of a new WAL. */
    static WalWriter create(FileSystem fs, Path dir, Options options, String recovered) throws IOException {
        WalWriter w = new WalWriter(fs, dir, options, recovered);
        w.nextLsn = WalFormat.FIRST_LSN;
        w.durableLsn.set(WalFormat.FIRST_LSN - 1);
        w.startSegment();
        return w;
    }

    /**
     * Appends a record (buffered: durable only after a {@link #sync}) and returns its LSN.
     *
     * @param type 1..255 as an unsigned byte; 0 is reserved
     * @throws KyroException 58030/53100 if a write fails, 22023 if the payload exceeds
     *                       {@link WalFormat#MAX_PAYLOAD}
     */
    public long append(byte type, byte[] payload) {
        if (type == 0) {
            throw new IllegalArgumentException("WAL record type 0 is reserved");
        }
        if (payload.length > WalFormat.MAX_PAYLOAD) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "WAL record of " + payload.length
                    + " bytes exceeds the limit of " + WalFormat.MAX_PAYLOAD + " bytes");
        }
        appendLock.lock();
        try {
            checkUsable();
            int recordSize = WalFormat.RECORD_OVERHEAD + payload.length;
            long segmentBytes = writeOffset + buffer.position();
            if (segmentBytes > WalFormat.HEADER_SIZE && segmentBytes + recordSize > options.segmentSize()) {
                try {
                    rollSegment();
                } catch (IOException e) {
                    throw fail(e, "could not finish WAL segment " + WalFormat.display(currentPath)
                            + " and start the next");
                }
            }
            long lsn = nextLsn;
            ByteBuffer target = buffer;
            if (recordSize > buffer.remaining()) {
                flush();
                if (recordSize > buffer.capacity()) {
                    target = ByteBuffer.allocate(recordSize).order(ByteOrder.LITTLE_ENDIAN);
                }
            }
            int start = target.position();
            target.putInt(payload.length).putLong(lsn).put(type).put(payload);
            target.putInt(WalFormat.crc(target.array(), start, WalFormat.RECORD_HEADER_SIZE + payload.length));
            if (target != buffer) {
                target.flip();
                current.write(target, writeOffset);
                writeOffset += recordSize;
            }
            nextLsn = lsn + 1;
            return lsn;
        } catch (IOException e) {
            throw fail(e, "could not write WAL segment " + WalFormat.display(currentPath));
        } finally {
            appendLock.unlock();
        }
    }

    /**
     * Hands every appended record to the operating system without waiting for the disk: after it,
     * a crash of this process loses nothing, a crash of the machine may (the {@code sync=off} mode).
     */
    public void flushToOs() {
        appendLock.lock();
        try {
            checkUsable();
            flush();
        } catch (IOException e) {
            throw fail(e, "could not write WAL segment " + WalFormat.display(currentPath));
        } finally {
            appendLock.unlock();
        }
    }

    /** Makes every record appended before this call durable. */
    public void sync() {
        syncUpTo(Long.MAX_VALUE);
    }

    /**
     * Returns once the record {@code lsn} and all before it are durable; at once if another sync
     * already covered it, so committers waiting on the same fsync share it.
     */
    public void sync(long lsn) {
        appendLock.lock();
        try {
            if (lsn >= nextLsn) {
                throw new IllegalArgumentException("LSN " + lsn + " was not appended yet (next LSN is "
                        + nextLsn + ")");
            }
        } finally {
            appendLock.unlock();
        }
        syncUpTo(lsn);
    }

    private void syncUpTo(long lsn) {
        if (durableLsn.get() >= lsn) {
            return;
        }
        syncLock.lock();
        try {
            if (durableLsn.get() >= lsn) {
                return;
            }
            FileHandle handle;
            long target;
            appendLock.lock();
            try {
                checkUsable();
                target = nextLsn - 1;
                if (target <= durableLsn.get()) {
                    return;
                }
                flush();
                handle = current;
            } catch (IOException e) {
                throw fail(e, "could not write WAL segment " + WalFormat.display(currentPath));
            } finally {
                appendLock.unlock();
            }
            try {
                handle.sync();
            } catch (IOException e) {
                throw fail(e, "could not sync WAL segment " + WalFormat.display(handle.path()));
            }
            durableLsn.accumulateAndGet(target, Math::max);
            closeRetired();
        } finally {
            syncLock.unlock();
        }
    }

    /** The LSN the next {@link #append} returns. */
    public long nextLsn() {
        appendLock.lock();
        try {
            return nextLsn;
        } finally {
            appendLock.unlock();
        }
    }

    /** The highest LSN known durable (0 if none): everything up to it survives a crash. */
    public long durableLsn() {
        return durableLsn.get();
    }

    /** What recovery found when this writer was opened (a torn tail it truncated), or null. */
    public String recovered() {
        return recovered;
    }

    public Path directory() {
        return dir;
    }

    /**
     * Deletes every segment whose records all have LSNs below {@code lsn} (a checkpoint covers them)
     * and syncs the directory; never deletes the segment being written. Returns how many it deleted.
     */
    public int deleteSegmentsBefore(long lsn) {
        syncLock.lock();
        appendLock.lock();
        try {
            checkUsable();
            closeRetired();
            int deleted = 0;
            while (segments.size() > 1 && segments.higherKey(segments.firstKey()) <= lsn) {
                fs.delete(segments.firstEntry().getValue());
                segments.pollFirstEntry();
                deleted++;
            }
            if (deleted > 0) {
                fs.syncDirectory(dir);
            }
            return deleted;
        } catch (IOException e) {
            // Not fatal for appends: a segment that survives is merely read and skipped again.
            throw IoErrors.toKyro(e, "could not delete old WAL segments in " + dir);
        } finally {
            appendLock.unlock();
            syncLock.unlock();
        }
    }

    /**
     * Closes the files without writing or syncing what is still buffered, as a crash would leave
     * them (crash tests, and a writer that already failed). Idempotent.
     */
    public void abandon() {
        syncLock.lock();
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (failure == null) {
                failure = new KyroException(SqlState.IO_ERROR, "the WAL was abandoned");
            }
            retired.add(current);
            closeRetired();
        } finally {
            appendLock.unlock();
            syncLock.unlock();
        }
    }

    /** Syncs what was appended and closes the files. Idempotent. */
    @Override
    public void close() {
        syncLock.lock();
        appendLock.lock();
        try {
            if (closed) {
                return;
            }
            KyroException error = null;
            if (failure == null) {
                try {
                    flush();
                    current.sync();
                    durableLsn.accumulateAndGet(nextLsn - 1, Math::max);
                } catch (IOException e) {
                    error = fail(e, "could not sync WAL segment " + WalFormat.display(currentPath));
                }
            }
            closed = true;
            retired.add(current);
            closeRetired();
            if (error != null) {
                throw error;
            }
        } finally {
            appendLock.unlock();
            syncLock.unlock();
        }
    }

    // ---- internals, all under appendLock ----

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("WAL writer for " + dir + " is closed");
        }
        KyroException f = failure;
        if (f != null) {
            throw new KyroException(f.state(), "WAL " + dir + " is unusable after an earlier error ("
                    + f.getMessage() + "); reopen the database to recover", f);
        }
    }

    private KyroException fail(IOException e, String action) {
        KyroException k = IoErrors.toKyro(e, action);
        if (failure == null) {
            failure = k;
        }
        return k;
    }

    private void flush() throws IOException {
        if (buffer.position() == 0) {
            return;
        }
        buffer.flip();
        int n = buffer.remaining();
        try {
            current.write(buffer, writeOffset);
        } finally {
            buffer.clear();
        }
        writeOffset += n;
    }

    /** Finishes the current segment (durably) and starts the next at {@code nextLsn}. */
    private void rollSegment() throws IOException {
        flush();
        current.sync();
        durableLsn.accumulateAndGet(nextLsn - 1, Math::max);
        retired.add(current);
        startSegment();
    }

    private void startSegment() throws IOException {
        Path path = dir.resolve(WalFormat.segmentName(nextLsn));
        FileHandle h = fs.open(path, FileSystem.OpenMode.CREATE_NEW);
        try {
            h.write(WalFormat.encodeHeader(nextLsn), 0);
            h.sync();
            fs.syncDirectory(dir);
        } catch (IOException e) {
            try {
                h.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        segments.put(nextLsn, path);
        current = h;
        currentPath = path;
        writeOffset = WalFormat.HEADER_SIZE;
    }

    /** Closes finished segments; only when no sync can still be using them (sync lock held). */
    private void closeRetired() {
        appendLock.lock();
        try {
            for (FileHandle h : retired) {
                try {
                    h.close();
                } catch (IOException ignored) {
                    // fully written and fsynced before it was retired; nothing is lost
                }
            }
            retired.clear();
        } finally {
            appendLock.unlock();
        }
    }
}
