package io.kyrodb.engine.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The real file system, on {@link FileChannel}. Stateless; one shared {@link #INSTANCE}.
 *
 * <p>Directory fsync opens the directory for reading and forces it, which works on Linux and macOS.
 * Windows cannot open a directory as a channel; there the failure is ignored (NTFS journals its
 * metadata) and only there.
 */
public final class LocalFileSystem implements FileSystem {
    public static final LocalFileSystem INSTANCE = new LocalFileSystem();

    private static final boolean WINDOWS =
            System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

    private LocalFileSystem() {
    }

    @Override
    public FileHandle open(Path file, OpenMode mode) throws IOException {
        OpenOption[] options = switch (mode) {
            case READ -> new OpenOption[] {StandardOpenOption.READ};
            case READ_WRITE -> new OpenOption[] {StandardOpenOption.READ, StandardOpenOption.WRITE};
            case CREATE -> new OpenOption[] {
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE};
            case CREATE_NEW -> new OpenOption[] {
                StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW};
        };
        return new LocalFileHandle(file, FileChannel.open(file, options), mode != OpenMode.READ);
    }

    @Override
    public boolean exists(Path path) {
        return Files.exists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> result = new ArrayList<>(entries.toList());
            result.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            return result;
        }
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        Files.createDirectories(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        Files.delete(path);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return Files.deleteIfExists(path);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            if (!WINDOWS || !Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    @Override
    public long size(Path file) throws IOException {
        return Files.size(file);
    }

    @Override
    public Path toRealPath(Path path) throws IOException {
        return path.toRealPath();
    }

    /**
     * A file on a {@link FileChannel}. FileChannels close themselves when a thread using one is
     * interrupted, which would break the file for every other session (an application's
     * {@code Future.cancel(true)} or pool abort hitting a query or a commit's fsync). So each
     * operation clears the caller's interrupt flag for its duration (and restores it), and if an
     * interrupt, on this thread or another, closed the channel anyway, reopens the file and repeats
     * the operation: reads, positional writes, truncation and fsync are all safe to repeat, and an
     * fsync through a new descriptor flushes the file's pages all the same.
     */
    private static final class LocalFileHandle implements FileHandle {
        private final Path path;
        private final boolean writable;
        private volatile FileChannel channel;
        private volatile boolean closed;

        LocalFileHandle(Path path, FileChannel channel, boolean writable) {
            this.path = path;
            this.channel = channel;
            this.writable = writable;
        }

        private static final int MAX_ATTEMPTS = 10_000;

        private interface Op<T> {
            T run(FileChannel c) throws IOException;
        }

        private <T> T io(Op<T> op) throws IOException {
            boolean interrupted = Thread.interrupted();
            try {
                for (int attempt = 1; ; attempt++) {
                    FileChannel c = channel;
                    try {
                        return op.run(c);
                    } catch (ClosedChannelException e) {
                        // ClosedByInterruptException (this thread) or AsynchronousCloseException
                        // (another thread's interrupt) or a plain close by another interrupted user.
                        // Only our close() or an interrupt closes the channel, and a reopened channel
                        // is a fresh one, so this repeats only while interrupts keep landing; the cap
                        // turns a pathological storm into an error rather than a hang.
                        interrupted |= Thread.interrupted();
                        if (closed || attempt == MAX_ATTEMPTS) {
                            throw e;
                        }
                        reopen(c);
                    }
                }
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        private synchronized void reopen(FileChannel dead) throws IOException {
            if (channel == dead && !closed) {
                channel = writable
                        ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                        : FileChannel.open(path, StandardOpenOption.READ);
            }
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            int start = dst.position();
            return io(c -> {
                dst.position(start);
                return c.read(dst, position);
            });
        }

        @Override
        public void write(ByteBuffer src, long position) throws IOException {
            int start = src.position();
            io(c -> {
                src.position(start);   // a repeat writes the same bytes at the same place again
                long pos = position;
                while (src.hasRemaining()) {
                    pos += c.write(src, pos);
                }
                return null;
            });
        }

        @Override
        public long size() throws IOException {
            return io(FileChannel::size);
        }

        @Override
        public void truncate(long size) throws IOException {
            io(c -> c.truncate(size));
        }

        @Override
        public void sync() throws IOException {
            io(c -> {
                c.force(true);
                return null;
            });
        }

        @Override
        public void syncData() throws IOException {
            io(c -> {
                c.force(false);   // fdatasync on Linux
                return null;
            });
        }

        /** Not repeated: a lock belongs to the channel that took it (the lock file is not read or written after). */
        @Override
        public boolean tryLock() throws IOException {
            return channel.tryLock() != null;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            channel.close();
        }

        @Override
        public String toString() {
            return "LocalFileHandle[" + path + "]";
        }
    }
}
