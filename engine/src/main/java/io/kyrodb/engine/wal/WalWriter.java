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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends to the segmented WAL in {@code wal/}; {@link WalReader} reads it back. See docs/format/wal.md.
 * Segment: header magic "KYROWAL\0" | u32 version | u64 first LSN | u32 crc32c, records, then zeros.
 * Record (little-endian): u32 length | u64 lsn | u8 type | u64 synced lsn | payload[length] | u32 crc32c(all before)
 * LSNs start at 1 and grow by 1 per record, across segments; a segment is named after its first LSN.
 * Durable once sync() returns: it covers every record appended before it was called.
 *
 * <p><b>Preallocation.</b> A segment is a file of its full size filled with zeros before the first
 * record goes in ({@link SegmentPreparer}, ahead of time), so appending overwrites zeros and never
 * changes the file's size or blocks, and a commit's fsync is a data-only one
 * ({@link FileHandle#syncData()}: no file-system journal commit). The log ends at the first
 * all-zero record header. Rolling over: fsync the rest of the old segment; write the new one's
 * header into the prepared file and fsync it; rename it to its segment name; fsync the directory.
 * So a file carries a segment name only with a durable header, only the newest segment can hold a
 * torn tail, and the old one is complete. Recovery (open) zeroes a torn tail and whatever unsynced
 * writes follow it, keeping the preallocated size (see {@link WalRecovery}).
 * These constants are on disk: never change them; add a version instead (see {@link WalFormat}).
 *
 * <p><b>Threads.</b> {@link #append} and {@link #sync} may be called from different threads. An
 * append lock guards the buffer and the current segment; a sync lock serializes syncs, and the
 * fsync itself runs outside the append lock, so appends continue while a sync waits for the disk
 * (group commit: {@link #sync(long)} returns at once if another sync already covered the LSN;
 * committers that arrive while an fsync runs wait for it and are all woken when it returns).
 * Lock order: sync lock, then append lock, then the {@link SegmentPreparer}'s monitor.
 *
 * <p><b>Errors.</b> A failed write or fsync makes the writer unusable: every later call throws
 * (58030, or 53100 for a full disk). After a failed fsync the kernel may have dropped the dirty
 * pages and report the next fsync as a success, so retrying cannot be trusted; reopening the
 * database runs recovery from what is really on disk. {@link #durableLsn()} never claims more
 * than an fsync that returned. A failed background preallocation is not an error: the rollover
 * retries it on its own thread, and fails the writer only if that fails too.
 */
public final class WalWriter implements Closeable {

    /**
     * @param segmentSize         the largest size a segment is preallocated to: a new segment
     *                            starts when a record would not fit in the current one (a segment
     *                            holds at least one record, so a large record makes it larger)
     * @param bufferSize          bytes collected in memory before a write system call
     * @param initialSegmentSize  the size of a new WAL's first segment; each next segment is
     *                            twice the size of the one before, up to {@code segmentSize}, so a
     *                            small database does not take 64 MiB of zeros
     * @param prepareInBackground fill the next segment with zeros on a thread of its own, when
     *                            the current one passes half full; if false, at the rollover on
     *                            the appending thread (tests that count I/O operations)
     */
    public record Options(long segmentSize, int bufferSize, long initialSegmentSize, boolean prepareInBackground) {
        public static final Options DEFAULT = new Options(64L << 20, 64 << 10, 1L << 20, true);

        public Options {
            long minimum = WalFormat.HEADER_SIZE + WalFormat.RECORD_OVERHEAD + 1;
            if (segmentSize < minimum) {
                throw new IllegalArgumentException("segment size " + segmentSize + " is below the minimum of "
                        + minimum);
            }
            if (initialSegmentSize < minimum || initialSegmentSize > segmentSize) {
                throw new IllegalArgumentException("initial segment size " + initialSegmentSize
                        + " must lie between " + minimum + " and the segment size " + segmentSize);
            }
            if (bufferSize < WalFormat.RECORD_OVERHEAD) {
                throw new IllegalArgumentException("buffer size " + bufferSize + " is below the minimum of "
                        + WalFormat.RECORD_OVERHEAD);
            }
        }

        /** Segments of {@code segmentSize} from the first on, prepared in the background. */
        public Options(long segmentSize, int bufferSize) {
            this(segmentSize, bufferSize, segmentSize, true);
        }
    }

    /** A segment file and the bytes of it that hold records, which never change again. */
    public record SegmentExtent(Path path, long length) {
    }

    private final FileSystem fs;
    private final Path dir;
    private final Options options;
    private final String recovered;
    private final ReentrantLock syncLock = new ReentrantLock();
    private final ConcurrentLinkedQueue<Thread> syncWaiters = new ConcurrentLinkedQueue<>();
    private final ReentrantLock appendLock = new ReentrantLock();
    private final AtomicLong durableLsn = new AtomicLong();
    private final SegmentPreparer preparer;
    private volatile KyroException failure;

    // Guarded by appendLock.
    private final TreeMap<Long, Path> segments = new TreeMap<>();
    private final List<FileHandle> retired = new ArrayList<>();
    private final ByteBuffer buffer;
    private FileHandle current;
    private Path currentPath;
    /** The current segment's preallocated size: a record that would end past it starts a new segment. */
    private long capacity;
    private long writeOffset;
    private long nextLsn;
    private boolean closed;

    private WalWriter(FileSystem fs, Path dir, Options options, String recovered) {
        this.fs = fs;
        this.dir = dir;
        this.options = options;
        this.recovered = recovered;
        this.buffer = ByteBuffer.allocate(options.bufferSize()).order(ByteOrder.LITTLE_ENDIAN);
        this.preparer = new SegmentPreparer(fs, dir, options.prepareInBackground());
    }

    /** {@link #open(FileSystem, Path, Options)} with {@link Options#DEFAULT}. */
    public static WalWriter open(FileSystem fs, Path walDir) {
        return open(fs, walDir, Options.DEFAULT);
    }

    /**
     * Opens the WAL in {@code walDir} for appending, creating it if missing; fsyncs {@code walDir}
     * and its parent. Recovers the newest segment: a torn tail and the unsynced writes after the
     * last good record are zeroed, and the segment is fsynced, so the next record continues the
     * log. Corruption throws {@code XX001} as {@link WalReader} does.
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
                            FileHandle handle, long size, long endOffset, long nextLsn, String recovered) {
        WalWriter w = new WalWriter(fs, dir, options, recovered);
        w.segments.putAll(segments);
        w.current = handle;
        w.currentPath = handle.path();
        w.capacity = size;
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
        w.startSegment(w.preparer.take(options.initialSegmentSize()));
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
            if (segmentBytes > WalFormat.HEADER_SIZE && segmentBytes + recordSize > capacity) {
                try {
                    rollSegment();
                } catch (NoNextSegment e) {
                    // Nothing of the log changed: this record is refused, the writer stays usable
                    // (a full disk that frees up later, say).
                    throw IoErrors.toKyro((IOException) e.getCause(), "could not preallocate the next WAL segment"
                            + " after " + WalFormat.display(currentPath) + "; the commit was not logged");
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
            // durableLsn only grows after an fsync returned: it never claims more than the disk holds.
            target.putInt(payload.length).putLong(lsn).put(type).putLong(durableLsn.get()).put(payload);
            target.putInt(WalFormat.crc(target.array(), start, WalFormat.RECORD_HEADER_SIZE + payload.length));
            if (target != buffer) {
                target.flip();
                current.write(target, writeOffset);
                writeOffset += recordSize;
            }
            nextLsn = lsn + 1;
            if (writeOffset + buffer.position() > capacity / 2) {
                preparer.startIfIdle(nextSegmentSize());
            }
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
        long last;
        appendLock.lock();
        try {
            checkUsable();
            last = nextLsn - 1;
        } finally {
            appendLock.unlock();
        }
        syncUpTo(last);
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
        Thread me = null;
        boolean interrupted = false;
        try {
            while (durableLsn.get() < lsn) {
                if (syncLock.tryLock()) {
                    try {
                        syncAsLeader();
                    } finally {
                        syncLock.unlock();
                        wakeSyncWaiters();
                    }
                    continue;
                }
                // Another thread's fsync is running: wait for it. Registered before the next
                // tryLock, so a leader that finishes after this point wakes us (the unpark is kept
                // as a permit if it comes before the park); one that finished before it left the
                // lock free for the tryLock. The timeout only bounds a wait nothing can miss.
                if (me == null) {
                    me = Thread.currentThread();
                    syncWaiters.add(me);
                    continue;
                }
                LockSupport.parkNanos(this, 10_000_000L);
                // An interrupt must not turn the wait into a spin; the commit still waits for its sync.
                interrupted |= Thread.interrupted();
            }
        } finally {
            if (me != null) {
                syncWaiters.remove(me);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The leader's part of a group commit, under the sync lock: writes out what was appended so far
     * and fsyncs it; everything appended before is then durable.
     */
    private void syncAsLeader() {
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
            handle.syncData();   // preallocated: neither size nor blocks changed, data only
        } catch (IOException e) {
            throw fail(e, "could not sync WAL segment " + WalFormat.display(handle.path()));
        }
        durableLsn.accumulateAndGet(target, Math::max);
        closeRetired();
    }

    /**
     * Wakes every committer waiting for a sync, all at once: each returns if the sync covered it,
     * or competes to lead the next one. (Waiting on the sync lock instead would wake them one after
     * another, each after the one before had run: a chain of context switches per fsync.)
     */
    private void wakeSyncWaiters() {
        for (Thread waiter : syncWaiters) {
            LockSupport.unpark(waiter);
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
     * Every segment with the length of it that holds records appended before this call (written to
     * the OS, not synced: sync first for a durable cut). Those bytes never change again, so copying
     * them gives a log that ends cleanly at the last of those records (BACKUP). Older segments are
     * given whole; their zero tails are part of the format.
     */
    public List<SegmentExtent> extents() {
        appendLock.lock();
        try {
            checkUsable();
            flush();
            List<SegmentExtent> out = new ArrayList<>();
            for (Path p : segments.values()) {
                out.add(new SegmentExtent(p, p.equals(currentPath) ? writeOffset : fs.size(p)));
            }
            return out;
        } catch (IOException e) {
            throw fail(e, "could not write WAL segment " + WalFormat.display(currentPath));
        } finally {
            appendLock.unlock();
        }
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
            wakeSyncWaiters();
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
            preparer.stop(false);   // as a crash would leave it; the next open deletes it
        } finally {
            appendLock.unlock();
            syncLock.unlock();
            wakeSyncWaiters();
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
                    current.syncData();
                    durableLsn.accumulateAndGet(nextLsn - 1, Math::max);
                } catch (IOException e) {
                    error = fail(e, "could not sync WAL segment " + WalFormat.display(currentPath));
                }
            }
            closed = true;
            retired.add(current);
            closeRetired();
            preparer.stop(true);
            if (error != null) {
                throw error;
            }
        } finally {
            appendLock.unlock();
            syncLock.unlock();
            wakeSyncWaiters();
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
        current.syncData();
        durableLsn.accumulateAndGet(nextLsn - 1, Math::max);
        SegmentPreparer.Prepared prepared;
        try {
            prepared = preparer.take(nextSegmentSize());
        } catch (IOException e) {
            throw new NoNextSegment(e);
        }
        retired.add(current);
        startSegment(prepared);
    }

    /** The next segment could not be prepared; the current one is intact and stays current. */
    private static final class NoNextSegment extends IOException {
        NoNextSegment(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Twice the current segment's size, at least the initial and at most the segment size. */
    private long nextSegmentSize() {
        return Math.min(options.segmentSize(), Math.max(options.initialSegmentSize(), 2 * capacity));
    }

    /**
     * Turns a prepared file into the segment starting at {@code nextLsn}: header, fsync, rename,
     * directory fsync. Only then can a record be written into it, so a file with a segment name
     * always has a durable header, and a crash before the rename leaves only the temporary file.
     */
    private void startSegment(SegmentPreparer.Prepared prepared) throws IOException {
        Path path = dir.resolve(WalFormat.segmentName(nextLsn));
        try {
            prepared.handle().write(WalFormat.encodeHeader(nextLsn), 0);
            prepared.handle().syncData();
        } finally {
            prepared.handle().close();
        }
        if (fs.exists(path)) {
            throw new IOException("WAL segment " + WalFormat.display(path) + " exists already");
        }
        fs.rename(prepared.path(), path);
        fs.syncDirectory(dir);
        current = fs.open(path, FileSystem.OpenMode.READ_WRITE);
        segments.put(nextLsn, path);
        currentPath = path;
        capacity = prepared.size();
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
