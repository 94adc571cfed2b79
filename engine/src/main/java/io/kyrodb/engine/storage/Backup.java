package io.kyrodb.engine.storage;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a backup: a new database directory holding copies of a checkpoint's runs, the WAL
 * segments from then on (each copied up to its length at that moment; a record cut short is a
 * torn tail the copy's recovery truncates) and that checkpoint. Every file and directory is
 * fsynced, the checkpoint last, so a crash during the backup leaves no directory that opens as a
 * database with missing data: without its checkpoint the copy has no runs to miss.
 */
final class Backup {
    private static final int CHUNK = 1 << 20;

    private Backup() {
    }

    static void copy(FileSystem fs, Path target, Checkpoint checkpoint, List<Path> runFiles, Path walDir) {
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
                copyFile(fs, run, runs.resolve(run.getFileName()));
            }
            for (Path segment : fs.list(walDir)) {
                if (segment.getFileName().toString().endsWith(".wal")) {
                    copyFile(fs, segment, wal.resolve(segment.getFileName()));
                }
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

    private static void copyFile(FileSystem fs, Path from, Path to) throws IOException {
        try (FileHandle in = fs.open(from, FileSystem.OpenMode.READ);
             FileHandle out = fs.open(to, FileSystem.OpenMode.CREATE_NEW)) {
            long size = in.size();
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
