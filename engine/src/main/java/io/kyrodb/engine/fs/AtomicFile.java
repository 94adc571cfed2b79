package io.kyrodb.engine.fs;

import io.kyrodb.engine.KyroException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Replaces a whole file so that after a crash it holds either the old or the new content, never a
 * mix (snapshots, checkpoints): write {@code <name>.tmp}, fsync it, rename it over the target
 * ({@code ATOMIC_MOVE}), fsync the directory. Once {@link #write} returns, the new content is
 * durable. A leftover {@code .tmp} from a crash is simply overwritten by the next write.
 *
 * <p>The content carries no checksum of its own: a caller's format should include one.
 */
public final class AtomicFile {
    /** Suffix of the temporary file written next to the target. */
    public static final String TEMP_SUFFIX = ".tmp";

    private static final int BUFFER_SIZE = 64 * 1024;

    /** Writes the content of a file through an OutputStream (may be large: it is not held in memory). */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private AtomicFile() {
    }

    /** Atomically replaces {@code target} with {@code content}. */
    public static void write(FileSystem fs, Path target, byte[] content) {
        write(fs, target, out -> out.write(content));
    }

    /**
     * Atomically replaces {@code target} with what {@code writer} writes. If anything fails, the
     * target keeps its old content, the temporary file is removed and the error is rethrown
     * (an IOException as a {@link KyroException} 58030, or 53100 when the disk is full).
     */
    public static void write(FileSystem fs, Path target, ContentWriter writer) {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        boolean renamed = false;
        try {
            fs.deleteIfExists(temp);
            try (FileHandle h = fs.open(temp, FileSystem.OpenMode.CREATE_NEW)) {
                try (HandleOutputStream out = new HandleOutputStream(h)) {
                    writer.writeTo(out);
                }
                h.sync();
            }
            fs.rename(temp, target);
            renamed = true;
            fs.syncDirectory(dir);
        } catch (IOException e) {
            if (!renamed) {
                deleteQuietly(fs, temp, e);
            }
            throw IoErrors.toKyro(e, "could not write " + target);
        } catch (RuntimeException e) {
            if (!renamed) {
                deleteQuietly(fs, temp, e);
            }
            throw e;
        }
    }

    /** The whole content of {@code file}. */
    public static byte[] read(FileSystem fs, Path file) {
        try (FileHandle h = fs.open(file, FileSystem.OpenMode.READ)) {
            long size = h.size();
            if (size > Integer.MAX_VALUE - 8) {
                throw new IOException("file of " + size + " bytes is too large to read at once");
            }
            ByteBuffer buf = ByteBuffer.allocate((int) size);
            h.readFully(buf, 0);
            return buf.array();
        } catch (IOException e) {
            throw IoErrors.toKyro(e, "could not read " + file);
        }
    }

    private static void deleteQuietly(FileSystem fs, Path temp, Exception failure) {
        try {
            fs.deleteIfExists(temp);
        } catch (IOException suppressed) {
            failure.addSuppressed(suppressed);
        }
    }

    /** Buffered, append-only stream over a handle; closing it flushes but leaves the handle open. */
    private static final class HandleOutputStream extends OutputStream {
        private final FileHandle handle;
        private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_SIZE);
        private long position;

        HandleOutputStream(FileHandle handle) {
            this.handle = handle;
        }

        @Override
        public void write(int b) throws IOException {
            if (!buffer.hasRemaining()) {
                flush();
            }
            buffer.put((byte) b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len >= buffer.capacity()) {
                flush();
                ByteBuffer src = ByteBuffer.wrap(b, off, len);
                handle.write(src, position);
                position += len;
                return;
            }
            if (len > buffer.remaining()) {
                flush();
            }
            buffer.put(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            buffer.flip();
            int n = buffer.remaining();
            handle.write(buffer, position);
            position += n;
            buffer.clear();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
