package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;
import io.kyrodb.engine.wal.WalWriter;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a backup: a new database directory holding copies of a checkpoint's runs, the WAL
 * segments from then on and that checkpoint. The segment being written is copied only up to its
 * last record appended before the copy began (its preallocated rest and records written during
 * the copy are left out: bytes read while the writer overwrites them could be half new), so the
 * copy's log ends cleanly at the end of its newest file. Every file and directory is
 * fsynced, the checkpoint last, so a crash during the backup leaves no directory that opens as a
 * database with missing data: without its checkpoint the copy has no runs to miss.
 */
final class Backup {
    private static final int CHUNK = 1 << 20;

    private Backup() {
    }

    static void copy(FileSystem fs, Path target, Checkpoint checkpoint, List<Path> runFiles,
                     List<WalWriter.SegmentExtent> walSegments) {
        try {
            if (fs.exists(target) && !fs.list(target).isEmpty()) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "backup target " + target
                        + " exists and is not empty; give a new directory");
            }
            Path runs = target.resolve("runs");
            Path wal = target.resolve("wal");
            fs.createDirectories(runs);
            fs.createDirectories(wal);
            for (Path run : runFiles) {
                copyFile(fs, run, runs.resolve(run.getFileName()), Long.MAX_VALUE);
            }
            for (WalWriter.SegmentExtent segment : walSegments) {
                copyFile(fs, segment.path(), wal.resolve(segment.path().getFileName()), segment.length());
            }
            fs.syncDirectory(runs);
            fs.syncDirectory(wal);
            fs.syncDirectory(target);
            Path parent = target.toAbsolutePath().getParent();
            if (parent != null) {
                fs.syncDirectory(parent);
            }
            checkpoint.write(fs, target);
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "backup to " + target + " failed");
        }
    }

    /** Copies the first {@code length} bytes of {@code from} (all of it if shorter). */
    private static void copyFile(FileSystem fs, Path from, Path to, long length) throws IOException {
        try (FileHandle in = fs.open(from, FileSystem.OpenMode.READ);
             FileHandle out = fs.open(to, FileSystem.OpenMode.CREATE_NEW)) {
            long size = Math.min(length, in.size());
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            for (long pos = 0; pos < size; ) {
                buf.clear().limit((int) Math.min(CHUNK, size - pos));
                int n = in.read(buf, pos);
                if (n < 0) {
                    break;
                }
                buf.flip();
                out.write(buf, pos);
                pos += n;
            }
            out.sync();
        }
    }
}
