package io.kyrodb.engine.wal;

import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes everything to a {@link FileSystem} and records, per call, which kind of fsync a handle
 * made and on which thread a write happened, for tests that check how the WAL writes.
 */
final class RecordingFileSystem implements FileSystem {
    /** A handle operation: "sync", "syncData" or "write", the file name and the thread's name. */
    record Call(String op, String file, String thread) {
    }

    private final FileSystem delegate;
    private final List<Call> calls = new ArrayList<>();
    private volatile long syncDataMillis;

    RecordingFileSystem(FileSystem delegate) {
        this.delegate = delegate;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** Makes every later syncData take at least this long (a slow disk). */
    void slowSyncData(long millis) {
        syncDataMillis = millis;
    }

    synchronized void clear() {
        calls.clear();
    }

    private synchronized void record(String op, Path file) {
        calls.add(new Call(op, file.getFileName().toString(), Thread.currentThread().getName()));
    }

    @Override
    public FileHandle open(Path file, OpenMode mode) throws IOException {
        FileHandle inner = delegate.open(file, mode);
        return new FileHandle() {
            @Override
            public Path path() {
                return inner.path();
            }

            @Override
            public int read(ByteBuffer dst, long position) throws IOException {
                return inner.read(dst, position);
            }

            @Override
            public void write(ByteBuffer src, long position) throws IOException {
                record("write", file);
                inner.write(src, position);
            }

            @Override
            public long size() throws IOException {
                return inner.size();
            }

            @Override
            public void truncate(long size) throws IOException {
                record("truncate", file);
                inner.truncate(size);
            }

            @Override
            public void sync() throws IOException {
                record("sync", file);
                inner.sync();
            }

            @Override
            public void syncData() throws IOException {
                record("syncData", file);
                inner.syncData();
                long delay = syncDataMillis;
                if (delay > 0) {
                    try {
                        Thread.sleep(delay);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new java.io.InterruptedIOException("interrupted in a slow syncData");
                    }
                }
            }

            @Override
            public boolean tryLock() throws IOException {
                return inner.tryLock();
            }

            @Override
            public void close() throws IOException {
                inner.close();
            }
        };
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public List<Path> list(Path dir) throws IOException {
        return delegate.list(dir);
    }

    @Override
    public void createDirectories(Path dir) throws IOException {
        delegate.createDirectories(dir);
    }

    @Override
    public void delete(Path path) throws IOException {
        delegate.delete(path);
    }

    @Override
    public boolean deleteIfExists(Path path) throws IOException {
        return delegate.deleteIfExists(path);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        record("rename", target);
        delegate.rename(source, target);
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
        delegate.syncDirectory(dir);
    }

    @Override
    public long size(Path file) throws IOException {
        return delegate.size(file);
    }

    @Override
    public Path toRealPath(Path path) throws IOException {
        return delegate.toRealPath(path);
    }
}
