package io.kyrodb.engine.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file the engine touches goes through this interface (LevelDB's {@code Env}, Lucene's
 * {@code Directory}), so tests can wrap it in a {@link FaultInjectingFileSystem} that fails the Nth
 * write or sync and simulates a crash that loses what was never fsynced.
 *
 * <p>Durability contract, the one {@link FaultInjectingFileSystem} models: written bytes (and the
 * file's length) are durable once {@link FileHandle#sync()} or {@link FileHandle#syncData()} returns;
 * a created, renamed or deleted directory entry is durable once {@link #syncDirectory(Path)} of its
 * parent directory returns. Nothing else is promised: in particular unsynced writes may reach the
 * disk in any order, also overwrites of bytes that were synced before.
 *
 * <p>Methods throw {@link IOException}; callers turn it into a user-visible error with
 * {@link IoErrors#toKyro}. Implementations are thread-safe.
 */
public interface FileSystem {

    /** How {@link #open} treats a missing or existing file. */
    enum OpenMode {
        /** Read only; the file must exist. */
        READ,
        /** Read and write; the file must exist. */
        READ_WRITE,
        /** Read and write; created empty if missing, kept as it is if present. */
        CREATE,
        /** Read and write; a new empty file, failing if one exists. */
        CREATE_NEW
    }

    FileHandle open(Path file, OpenMode mode) throws IOException;

    boolean exists(Path path);

    /** The entries of a directory, sorted by name. */
    List<Path> list(Path dir) throws IOException;

    /** Creates a directory and any missing parents; nothing happens if it exists. */
    void createDirectories(Path dir) throws IOException;

    /** Deletes a file or an empty directory; fails if it does not exist. */
    void delete(Path path) throws IOException;

    /** Deletes a file or an empty directory if it exists; returns whether it did. */
    boolean deleteIfExists(Path path) throws IOException;

    /**
     * Renames atomically ({@code ATOMIC_MOVE}), replacing {@code target} if it exists. Readers see
     * either the old or the new file, never a mix; durable after {@link #syncDirectory} of the
     * parent(s).
     */
    void rename(Path source, Path target) throws IOException;

    /** Fsyncs a directory, making the creates, renames and deletes of its entries durable. */
    void syncDirectory(Path dir) throws IOException;

    long size(Path file) throws IOException;

    /** The absolute path with symbolic links resolved; the path must exist. */
    Path toRealPath(Path path) throws IOException;
}
