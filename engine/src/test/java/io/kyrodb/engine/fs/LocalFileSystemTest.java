package io.kyrodb.engine.fs;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFileSystemTest {
    @TempDir
    Path dir;

    private final FileSystem fs = LocalFileSystem.INSTANCE;

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes());
    }

    @Test
    void writeReadTruncateAndSync() throws IOException {
        Path f = dir.resolve("a");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
            h.write(bytes("hello"), 0);
            h.append(bytes(" world"));
            h.write(bytes("J"), 0);
            h.sync();
            assertThat(h.size()).isEqualTo(11);
            ByteBuffer buf = ByteBuffer.allocate(5);
            h.readFully(buf, 6);
            assertThat(new String(buf.array())).isEqualTo("world");
            assertThatThrownBy(() -> h.readFully(ByteBuffer.allocate(10), 6))
                    .isInstanceOf(EOFException.class).hasMessageContaining("end of file at offset 11");
            assertThat(h.read(ByteBuffer.allocate(1), 11)).isEqualTo(-1);
            h.truncate(5);
            assertThat(h.size()).isEqualTo(5);
            assertThat(h.path()).isEqualTo(f);
        }
        assertThat(Files.readString(f)).isEqualTo("Jello");
        assertThat(fs.size(f)).isEqualTo(5);
    }

    @Test
    void openModes() throws IOException {
        Path f = dir.resolve("f");
        assertThatThrownBy(() -> fs.open(f, FileSystem.OpenMode.READ)).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> fs.open(f, FileSystem.OpenMode.READ_WRITE)).isInstanceOf(NoSuchFileException.class);
        fs.open(f, FileSystem.OpenMode.CREATE).close();
        assertThat(fs.exists(f)).isTrue();
        Files.writeString(f, "kept");
        fs.open(f, FileSystem.OpenMode.CREATE).close();
        assertThat(Files.readString(f)).isEqualTo("kept");
        assertThatThrownBy(() -> fs.open(f, FileSystem.OpenMode.CREATE_NEW))
                .isInstanceOf(FileAlreadyExistsException.class);
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.READ)) {
            assertThatThrownBy(() -> h.write(bytes("x"), 0)).isInstanceOf(java.nio.channels.NonWritableChannelException.class);
        }
    }

    @Test
    void directoryOperations() throws IOException {
        Path sub = dir.resolve("x/y");
        fs.createDirectories(sub);
        fs.createDirectories(sub);
        Files.writeString(sub.resolve("b"), "b");
        Files.writeString(sub.resolve("a"), "a");
        assertThat(fs.list(sub)).containsExactly(sub.resolve("a"), sub.resolve("b"));
        fs.rename(sub.resolve("a"), sub.resolve("b"));
        assertThat(Files.readString(sub.resolve("b"))).isEqualTo("a");
        assertThat(fs.exists(sub.resolve("a"))).isFalse();
        fs.syncDirectory(sub);
        fs.syncDirectory(dir);
        assertThat(fs.deleteIfExists(sub.resolve("a"))).isFalse();
        fs.delete(sub.resolve("b"));
        assertThatThrownBy(() -> fs.delete(sub.resolve("b"))).isInstanceOf(NoSuchFileException.class);
        assertThat(fs.toRealPath(dir.resolve("x/../x/y"))).isEqualTo(sub.toRealPath());
        assertThatThrownBy(() -> fs.syncDirectory(dir.resolve("missing"))).isInstanceOf(IOException.class);
    }

    @Test
    void ioErrorsMapToSqlStates() {
        KyroException full = IoErrors.toKyro(new IOException(IoErrors.NO_SPACE_MESSAGE), "could not write x");
        assertThat(full.state()).isEqualTo(SqlState.DISK_FULL);
        assertThat(full.getMessage()).isEqualTo("could not write x: No space left on device");
        KyroException wrapped = IoErrors.toKyro(new IOException("wrapper", new IOException("There is not enough space"
                + " on the disk")), "could not write y");
        assertThat(wrapped.state()).isEqualTo(SqlState.DISK_FULL);
        KyroException other = IoErrors.toKyro(new IOException("Input/output error"), "could not sync z");
        assertThat(other.state()).isEqualTo(SqlState.IO_ERROR);
        assertThat(other.describe()).isEqualTo("ERROR 58030: could not sync z: Input/output error");
    }

    @Test
    void anInterruptedCallerNeitherFailsNorBreaksTheFileForOthers() throws IOException {
        Path f = dir.resolve("shared");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
            Thread.currentThread().interrupt();
            try {
                h.write(bytes("hello"), 0);
                h.syncData();
                ByteBuffer buf = ByteBuffer.allocate(5);
                h.readFully(buf, 0);
                assertThat(new String(buf.array())).isEqualTo("hello");
                assertThat(Thread.currentThread().isInterrupted()).as("the caller keeps its interrupt").isTrue();
            } finally {
                Thread.interrupted();
            }
            // Another thread is interrupted again and again while it reads and fsyncs: whatever lands
            // during an operation closes the channel under it, and the handle must recover.
            Thread reader = new Thread(() -> {
                ByteBuffer b = ByteBuffer.allocate(5);
                for (int i = 0; i < 20_000; i++) {
                    try {
                        b.clear();
                        h.read(b, 0);
                        if (i % 100 == 0) {
                            h.syncData();
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            reader.setUncaughtExceptionHandler((t, e) -> failure.set(e));
            reader.start();
            int interrupts = 0;
            while (reader.isAlive()) {
                reader.interrupt();
                interrupts++;
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
            assertThat(interrupts).as("the reader was interrupted while it worked").isGreaterThan(10);
            assertThat(failure.get()).as("the interrupted reader's operations").isNull();
            ByteBuffer after = ByteBuffer.allocate(5);
            h.readFully(after, 0);
            assertThat(new String(after.array())).as("the file still reads for everyone").isEqualTo("hello");
            h.write(bytes("HELLO"), 0);
            h.sync();
        }
        assertThat(Files.readString(f)).isEqualTo("HELLO");
    }
}
