package io.kyrodb.engine.fs;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Owns a database directory for the life of an open database: an OS lock on {@code kyro.lock}
 * (released by the OS if the process dies), with the holder's PID and start time written into the
 * file so that a second process, or a second open in this JVM, fails with {@code 55006}:
 * {@code database /data/db is in use by process 4242 (since 2025-01-01T10:00:00Z)}.
 *
 * <p>The file is left in place on {@link #close()}; its content only explains who holds the lock.
 *
 * <p>Within one JVM the lock is also kept in a map keyed by the directory's real path and checked
 * before the file is opened. This is not just for the message: on POSIX ({@code fcntl} locks),
 * closing any channel of a file releases all of the process's locks on it, so a failed second
 * attempt that opened and closed the lock file would silently unlock the database for other
 * processes. For the same reason nothing else in the JVM may open {@code kyro.lock} while the
 * database is open (not even to read it: use {@link #holder()}).
 */
public final class DatabaseLock implements AutoCloseable {
    public static final String FILE_NAME = "kyro.lock";

    private static final Map<Path, DatabaseLock> HELD_IN_THIS_JVM = new ConcurrentHashMap<>();

    private final Path directory;
    private final Path key;
    private final FileHandle handle;
    private final String holder;
    private boolean closed;

    private DatabaseLock(Path directory, Path key, FileHandle handle, String holder) {
        this.directory = directory;
        this.key = key;
        this.handle = handle;
        this.holder = holder;
    }

    /**
     * Locks {@code databaseDir}, which must exist. Throws {@link KyroException} 55006 if another
     * process or another open database of this JVM holds it, 58030 on an I/O error.
     */
    public static DatabaseLock acquire(FileSystem fs, Path databaseDir) {
        Path key;
        try {
            key = fs.toRealPath(databaseDir);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not open database directory " + databaseDir);
        }
        // Reserve the directory in this JVM first; the placeholder's fields are never read.
        DatabaseLock placeholder = new DatabaseLock(databaseDir, key, null, null);
        DatabaseLock existing = HELD_IN_THIS_JVM.putIfAbsent(key, placeholder);
        if (existing != null) {
            // A placeholder has no holder yet: another thread of this JVM is acquiring it.
            throw inUse(databaseDir, existing.holder != null ? existing.holder
                    : "pid=" + ProcessHandle.current().pid());
        }
        boolean done = false;
        Path file = key.resolve(FILE_NAME);
        FileHandle handle = null;
        try {
            handle = fs.open(file, FileSystem.OpenMode.CREATE);
            boolean locked;
            try {
                locked = handle.tryLock();
            } catch (OverlappingFileLockException e) {
                // Locked in this JVM but not through this class (or through a path alias). Closing
                // our handle would drop that lock at the OS level, so leave it open: a leaked file
                // descriptor on a misuse path is the lesser harm.
                handle = null;
                throw inUse(databaseDir, describeThisProcess());
            }
            if (!locked) {
                throw inUse(databaseDir, readHolder(handle));
            }
            String holder = describeThisProcess();
            byte[] content = holder.getBytes(StandardCharsets.UTF_8);
            handle.truncate(0);
            handle.write(ByteBuffer.wrap(content), 0);
            handle.sync();
            DatabaseLock lock = new DatabaseLock(databaseDir, key, handle, holder);
            HELD_IN_THIS_JVM.put(key, lock);
            done = true;
            return lock;
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not lock database " + databaseDir + " (" + file + ")");
        } finally {
            if (!done) {
                closeQuietly(handle);
                HELD_IN_THIS_JVM.remove(key, placeholder);
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * What this lock wrote into {@code kyro.lock}: {@code pid=}, {@code since=} (when it was
     * taken) and {@code process-start=} lines. Read it here, not from the file: in this JVM only
     * this class may open the lock file (see the class comment).
     */
    public String holder() {
        return holder;
    }

    /** Releases the lock; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            handle.close();
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not release the lock of database " + directory);
        } finally {
            HELD_IN_THIS_JVM.remove(key, this);
        }
    }

    private static String describeThisProcess() {
        ProcessHandle self = ProcessHandle.current();
        StringBuilder sb = new StringBuilder();
        sb.append("pid=").append(self.pid()).append('\n');
        sb.append("since=").append(Instant.now()).append('\n');
        self.info().startInstant().ifPresent(t -> sb.append("process-start=").append(t).append('\n'));
        return sb.toString();
    }

    /** The holder's description from the lock file, or null if it cannot be read. */
    private static String readHolder(FileHandle handle) {
        try {
            long size = Math.min(handle.size(), 4096);
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            handle.readFully(buf, 0);
            return new String(buf.array(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static KyroException inUse(Path dir, String holder) {
        String pid = field(holder, "pid");
        String since = field(holder, "since");
        String who = pid == null ? "another process" : "process " + pid;
        String when = since == null ? "" : " (since " + since + ")";
        return new KyroException(SqlState.OBJECT_IN_USE, "database " + dir + " is in use by " + who + when);
    }

    private static String field(String content, String name) {
        if (content == null) {
            return null;
        }
        for (String line : content.split("\n")) {
            if (line.startsWith(name + "=") && line.length() > name.length() + 1) {
                return line.substring(name.length() + 1).trim();
            }
        }
        return null;
    }

    private static void closeQuietly(FileHandle handle) {
        if (handle != null) {
            try {
                handle.close();
            } catch (IOException ignored) {
                // already failing with a better error
            }
        }
    }
}
