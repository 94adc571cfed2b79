package io.kyrodb.engine.exec;

import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.IoErrors;

import java.io.IOException;

/**
 * One spill file of a running statement, in {@link SpillCodec}'s format: rows are appended
 * through one {@link #writer}, and ranges of them read back through any number of
 * {@link #reader}s. {@link #close()} closes and deletes it; the statement's {@link SpillFiles}
 * closes whatever its operators did not, so a file is deleted even when the statement fails, is
 * cancelled or stops reading early (LIMIT). Used by the statement's thread only.
 */
final class SpillFile implements AutoCloseable {
    private final SpillFiles owner;
    private final FileSystem fs;
    private final FileHandle handle;
    private boolean closed;

    SpillFile(SpillFiles owner, FileSystem fs, FileHandle handle) {
        this.owner = owner;
        this.fs = fs;
        this.handle = handle;
    }

    /** A writer appending rows from the first offset after the header. */
    SpillCodec.Writer writer(int bufferSize) {
        return new SpillCodec.Writer(handle, SpillCodec.HEADER_SIZE, bufferSize);
    }

    /** A reader of the rows between {@code start} and {@code end}, offsets a writer reported. */
    SpillCodec.Reader reader(long start, long end, int bufferSize) {
        return new SpillCodec.Reader(handle, start, end, bufferSize);
    }

    void writeHeader() {
        SpillCodec.writeHeader(handle);
    }

    void checkHeader() {
        SpillCodec.checkHeader(handle);
    }

    /** Closes and deletes the file; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        owner.released(this);
        IOException failure = null;
        try {
            handle.close();
        } catch (IOException e) {
            failure = e;
        }
        try {
            fs.deleteIfExists(handle.path());
        } catch (IOException e) {
            if (failure != null) {
                e.addSuppressed(failure);
            }
            failure = e;
        }
        if (failure != null) {
            throw IoErrors.toKyro(failure, "could not delete spill file " + handle.path());
        }
    }

    @Override
    public String toString() {
        return handle.path().toString();
    }
}
