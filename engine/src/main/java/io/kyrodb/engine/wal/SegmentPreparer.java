package io.kyrodb.engine.wal;

import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

/**
 * Preallocates the WAL's next segment file ahead of time: {@code wal/next-segment.tmp}
 * ({@link WalFormat#PREPARED_NAME}) filled with real zeros (not a sparse length: a hole would make
 * every record write allocate blocks, and every fsync commit the file system's journal) and
 * fsynced, so that the records written into it later change neither its size nor its blocks and
 * a data-only fsync suffices. {@link WalWriter} gives it a header and its name when it rolls over.
 *
 * <p>With {@code background} the zero-fill runs on a thread of its own, started by
 * {@link #startIfIdle} when the current segment passes half full (filling 64 MiB takes tens of
 * milliseconds or more; not the engine's shared background pool, where a long compaction could
 * delay it past the moment a committer needs it). Otherwise, or if the background attempt failed,
 * {@link #take} fills the file on the caller's thread (deterministic, for fault-injection tests).
 *
 * <p>Thread-safe: every method synchronizes on this object; the filling thread takes no other
 * lock, so a caller may hold the writer's append lock while it waits in {@link #take}.
 */
final class SegmentPreparer {
    /** A zero-filled, fsynced file under {@link WalFormat#PREPARED_NAME}, open for writing. */
    record Prepared(FileHandle handle, Path path, long size) {
    }

    /**
     * Flush the zeros every 8 MiB rather than 64 MiB at the end: a committer's fsync queued behind
     * the flush waits for at most this much (measured: the longest commit fsync during a 64 MiB fill
     * went from about 20 ms to under 10 ms, with the fill as fast).
     */
    private static final long FLUSH_EVERY = 8L << 20;

    private final FileSystem fs;
    private final Path path;
    private final boolean background;

    // Guarded by this.
    private Thread filler;
    private long fillingSize;
    private Prepared ready;
    private IOException failed;
    private boolean stopped;

    SegmentPreparer(FileSystem fs, Path walDir, boolean background) {
        this.fs = fs;
        this.path = walDir.resolve(WalFormat.PREPARED_NAME);
        this.background = background;
    }

    /** Starts filling a file of {@code size} bytes in the background, unless one is ready or on its way. */
    synchronized void startIfIdle(long size) {
        if (!background || stopped || filler != null || ready != null || failed != null) {
            return;
        }
        fillingSize = size;
        filler = Thread.ofPlatform().daemon().name("kyro-wal-prepare " + path.getParent()).unstarted(this::fill);
        filler.start();
    }

    /**
     * A prepared file for the next segment: the one filled in the background (waiting for it if
     * it is still being filled; its size is what was asked then), else one of {@code size} bytes
     * filled now. The caller owns the handle.
     */
    Prepared take(long size) throws IOException {
        synchronized (this) {
            while (filler != null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while waiting for " + path + " to be preallocated");
                }
            }
            if (stopped) {
                throw new IOException("WAL segment preparation for " + path.getParent() + " was stopped");
            }
            Prepared p = ready;
            ready = null;
            failed = null;   // a failed background attempt is retried once, here
            if (p != null) {
                return p;
            }
        }
        return create(size, false);
    }

    /** Stops a fill in progress and closes a prepared file; with {@code delete}, deletes it too. */
    void stop(boolean delete) {
        Thread t;
        synchronized (this) {
            stopped = true;
            t = filler;
        }
        if (t != null) {
            boolean interrupted = false;
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        Prepared p;
        synchronized (this) {
            p = ready;
            ready = null;
        }
        try {
            if (p != null) {
                p.handle().close();
            }
            if (delete) {
                fs.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // an unfinished or unused preallocation: the next open deletes it
        }
    }

    private void fill() {
        long size;
        synchronized (this) {
            size = fillingSize;
        }
        Prepared p = null;
        IOException error = null;
        try {
            p = create(size, true);
        } catch (IOException e) {
            error = e;
        }
        synchronized (this) {
            filler = null;
            if (p != null && stopped) {
                try {
                    p.handle().close();
                } catch (IOException ignored) {
                    // not used; deleted by stop() or by the next open
                }
            } else {
                ready = p;
                failed = error;
            }
            notifyAll();
        }
    }

    private Prepared create(long size, boolean stoppable) throws IOException {
        fs.deleteIfExists(path);
        FileHandle h = fs.open(path, FileSystem.OpenMode.CREATE_NEW);
        try {
            for (long pos = 0; pos < size; ) {
                if (stoppable && isStopped()) {
                    throw new IOException("stopped");
                }
                var zeros = WalFormat.zeros(size - pos);
                int n = zeros.remaining();
                h.write(zeros, pos);
                pos += n;
                if (pos % FLUSH_EVERY == 0 && pos < size) {
                    h.syncData();
                }
            }
            h.sync();   // the length and the blocks: a full fsync, once per segment
            return new Prepared(h, path, size);
        } catch (IOException | RuntimeException e) {
            try {
                h.close();
                fs.deleteIfExists(path);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
    }
}
