package io.kyrodb.engine.fs;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * An open file of a {@link FileSystem}. All reads and writes are positional; a handle keeps no
 * cursor, so one handle may be shared by threads (a {@code FileChannel} allows concurrent positional
 * access). Written bytes are durable only after {@link #sync()} or {@link #syncData()} returns.
 */
public interface FileHandle extends Closeable {

    Path path();

    /**
     * Reads up to {@code dst.remaining()} bytes at {@code position}; returns the count, or -1 at end
     * of file.
     */
    int read(ByteBuffer dst, long position) throws IOException;

    /** Writes all of {@code src} at {@code position}, growing the file if needed. */
    void write(ByteBuffer src, long position) throws IOException;

    long size() throws IOException;

    /** Cuts the file to {@code size} bytes; does nothing if it is not longer. */
    void truncate(long size) throws IOException;

    /** Forces written bytes and the file's metadata (its length) to stable storage. */
    void sync() throws IOException;

    /**
     * Forces written bytes to stable storage, and of the metadata only what is needed to read them
     * back (a changed length, newly allocated blocks), not timestamps: {@code fdatasync}. For a
     * file whose size and blocks do not change (an overwrite of preallocated space) this is one
     * device write and flush, where {@link #sync()} may also commit the file system's journal.
     * Durability of the file's contents and length is the same as after {@link #sync()}.
     */
    default void syncData() throws IOException {
        sync();
    }

    /**
     * Tries to take an exclusive OS lock on the whole file, held until this handle closes. Returns
     * false if another process holds it. Within one JVM, use a single handle per locked file: on
     * POSIX, closing <em>any</em> channel of a file releases the process's locks on it (see
     * {@link DatabaseLock}).
     *
     * @throws java.nio.channels.OverlappingFileLockException if this JVM already holds it
     */
    boolean tryLock() throws IOException;

    /** Fills {@code dst} from {@code position}, or throws {@link EOFException} if the file is shorter. */
    default void readFully(ByteBuffer dst, long position) throws IOException {
        long pos = position;
        while (dst.hasRemaining()) {
            int n = read(dst, pos);
            if (n < 0) {
                throw new EOFException(path() + ": end of file at offset " + pos + ", "
                        + dst.remaining() + " more bytes expected");
            }
            pos += n;
        }
    }

    /** Appends all of {@code src} at the current end of the file. */
    default void append(ByteBuffer src) throws IOException {
        write(src, size());
    }
}
