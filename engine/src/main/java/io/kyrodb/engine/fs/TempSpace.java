package io.kyrodb.engine.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where statements spill what does not fit in {@code work_mem} (sort runs, ...): {@code tmp/} in a
 * database directory, or a directory under {@code java.io.tmpdir} for an in-memory database,
 * created on first use. Spill files are scratch: never fsynced, deleted by whoever created them
 * when the statement ends, and every leftover is deleted when the database opens or closes.
 * Thread-safe.
 */
public final class TempSpace {
    private final FileSystem fs;
    private final Path configured;
    private final AtomicLong next = new AtomicLong();
    private volatile Path dir;

    private TempSpace(FileSystem fs, Path dir) {
        this.fs = fs;
        this.configured = dir;
    }

    /** Spill files in {@code databaseDir/tmp}. */
    public static TempSpace inDatabase(FileSystem fs, Path databaseDir) {
        return new TempSpace(fs, databaseDir.resolve("tmp"));
    }

    /** Spill files in a new directory under {@code java.io.tmpdir} (in-memory databases). */
    public static TempSpace inSystemTemp() {
        return new TempSpace(LocalFileSystem.INSTANCE, null);
    }

    public FileSystem fileSystem() {
        return fs;
    }

    /** A new, empty spill file; the caller closes and deletes it. */
    public FileHandle create(String purpose) throws IOException {
        Path d = directory();
        return fs.open(d.resolve(purpose + "-" + next.incrementAndGet() + ".spill"), FileSystem.OpenMode.CREATE_NEW);
    }

    /** Deletes every spill file left in the directory (at open and close, when no statement runs). */
    public void clear() throws IOException {
        Path d = configured != null ? configured : dir;
        if (d == null || !fs.exists(d)) {
            return;
        }
        for (Path p : fs.list(d)) {
            fs.deleteIfExists(p);
        }
        if (configured == null) {
            fs.deleteIfExists(d);
            dir = null;
        }
    }

    private Path directory() throws IOException {
        Path d = dir;
        if (d == null) {
            synchronized (this) {
                d = dir;
                if (d == null) {
                    if (configured != null) {
                        fs.createDirectories(configured);
                        d = configured;
                    } else {
                        d = Files.createTempDirectory("kyro-spill-");
                        d.toFile().deleteOnExit();
                    }
                    dir = d;
                }
            }
        }
        return d;
    }
}
