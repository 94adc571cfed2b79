package io.kyrodb.engine.fs;

import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaultInjectingFileSystemTest {
    @TempDir
    Path dir;

    private final FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE);

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes());
    }

    /** A durable file "f" holding {@code content}. */
    private Path durableFile(String content) throws IOException {
        Path f = dir.resolve("f");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
            h.write(bytes(content), 0);
            h.sync();
        }
        fs.syncDirectory(dir);
        return f;
    }

    @Test
    void unsyncedAppendIsDroppedAndSyncedDataKept() throws IOException {
        Path f = durableFile("synced");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.READ_WRITE)) {
            h.append(bytes("-lost"));
        }
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("synced");
    }

    @Test
    void zeroModeKeepsTheLengthButNotTheBytes() throws IOException {
        Path f = durableFile("synced");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.READ_WRITE)) {
            h.append(bytes("abc"));
        }
        fs.simulateCrash(CrashMode.ZERO_UNSYNCED);
        assertThat(Files.readAllBytes(f)).isEqualTo("synced\0\0\0".getBytes());
    }

    @Test
    void tornModeKeepsAPrefixOfTheUnsyncedTail() throws IOException {
        long seed = Long.getLong("kyro.seed", 77L);
        System.out.println("tornModeKeepsAPrefixOfTheUnsyncedTail seed=" + seed);
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            Path f = dir.resolve("t" + i);
            try (FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
                h.write(bytes("0123"), 0);
                h.sync();
                h.append(bytes("456789"));
            }
            fs.syncDirectory(dir);
            fs.simulateCrash(CrashMode.TORN_UNSYNCED, random);
            String s = Files.readString(f);
            assertThat("0123456789").startsWith(s);
            assertThat(s).startsWith("0123");
        }
    }

    @Test
    void processCrashKeepsEverythingWrittenButLeavesItUnsynced() throws IOException {
        Path f = dir.resolve("new");
        FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW);
        h.write(bytes("unsynced"), 0);
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);
        assertThatThrownBy(() -> h.write(bytes("x"), 0)).isInstanceOf(IOException.class);
        assertThat(Files.readString(f)).isEqualTo("unsynced");
        // The OS survived the process, but nothing made the file durable: power loss takes it.
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(f).doesNotExist();

        try (FileHandle again = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
            again.write(bytes("unsynced"), 0);
        }
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);
        try (FileHandle reopened = fs.open(f, FileSystem.OpenMode.READ_WRITE)) {
            reopened.sync(); // what a recovering process does
        }
        fs.syncDirectory(dir);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("unsynced");
    }

    @Test
    void aCreatedFileNeedsItsDirectorySynced() throws IOException {
        Path f = dir.resolve("new");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
            h.write(bytes("data"), 0);
            h.sync();
        }
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(f).doesNotExist();

        try (FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
            h.write(bytes("data"), 0);
            fs.syncDirectory(dir); // the entry is durable, its unsynced content is not
        }
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(f).exists();
        assertThat(Files.size(f)).isZero();
    }

    @Test
    void aCreatedDirectoryNeedsItsParentSynced() throws IOException {
        Path sub = dir.resolve("a/b");
        fs.createDirectories(sub);
        fs.syncDirectory(dir.resolve("a")); // b is durable in a, but a is not in dir
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(dir.resolve("a")).doesNotExist();

        fs.createDirectories(sub);
        fs.syncDirectory(dir);
        fs.syncDirectory(dir.resolve("a"));
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(sub).isDirectory();
    }

    @Test
    void anUnsyncedRenameIsRevertedWithTheReplacedFileRestored() throws IOException {
        Path f = durableFile("old");
        Path tmp = dir.resolve("f.tmp");
        try (FileHandle h = fs.open(tmp, FileSystem.OpenMode.CREATE_NEW)) {
            h.write(bytes("new"), 0);
            h.sync();
        }
        fs.rename(tmp, f);
        assertThat(Files.readString(f)).isEqualTo("new");
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("old");
        assertThat(tmp).doesNotExist(); // its creation was not durable either

        try (FileHandle h = fs.open(tmp, FileSystem.OpenMode.CREATE_NEW)) {
            h.write(bytes("new"), 0);
            h.sync();
        }
        fs.rename(tmp, f);
        fs.syncDirectory(dir);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("new");
    }

    @Test
    void anUnsyncedDeleteIsReverted() throws IOException {
        Path f = durableFile("durable");
        fs.delete(f);
        assertThat(f).doesNotExist();
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("durable");

        fs.delete(f);
        fs.syncDirectory(dir);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(f).doesNotExist();
    }

    @Test
    void overwrittenAndTruncatedSyncedBytesComeBack() throws IOException {
        Path f = durableFile("0123456789");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.READ_WRITE)) {
            h.write(bytes("AB"), 2);
            h.truncate(4);
            h.write(bytes("CDEFGHIJKLMN"), 3);
        }
        assertThat(Files.readString(f)).isEqualTo("01ACDEFGHIJKLMN");
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("0123456789");
    }

    @Test
    void handlesDieWithTheCrash() throws IOException {
        Path f = durableFile("x");
        FileHandle h = fs.open(f, FileSystem.OpenMode.READ_WRITE);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThatThrownBy(() -> h.write(bytes("y"), 0)).isInstanceOf(IOException.class)
                .hasMessageContaining("simulated crash");
        assertThatThrownBy(h::sync).isInstanceOf(IOException.class);
        h.close();
        assertThat(Files.readString(f)).isEqualTo("x");
    }

    @Test
    void failTheNthWriteOnceOrFromThenOn() throws IOException {
        Path f = dir.resolve("f");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
            fs.failNth(Op.WRITE, 2, false, false);
            h.write(bytes("a"), 0);
            assertThatThrownBy(() -> h.write(bytes("b"), 1)).isInstanceOf(IOException.class)
                    .hasMessageContaining("Input/output error").hasMessageContaining("WRITE #2");
            h.write(bytes("c"), 1);
            fs.failNth(Op.WRITE, 1, true, true);
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> h.write(bytes("d"), 2)).isInstanceOf(IOException.class)
                        .satisfies(e -> assertThat(IoErrors.isDiskFull(e)).isTrue());
            }
            fs.clearFaults();
            h.write(bytes("e"), 2);
        }
        assertThat(Files.readString(f)).isEqualTo("ace"); // failed writes wrote nothing
        assertThat(fs.count(Op.WRITE)).isEqualTo(7);
    }

    @Test
    void aFailedSyncLeavesTheDataUnsynced() throws IOException {
        Path f = durableFile("synced");
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.READ_WRITE)) {
            h.append(bytes("+more"));
            fs.failNth(Op.SYNC, 1, false, false);
            assertThatThrownBy(h::sync).isInstanceOf(IOException.class);
        }
        fs.failNth(Op.SYNC_DIRECTORY, 1, false, false);
        assertThatThrownBy(() -> fs.syncDirectory(dir)).isInstanceOf(IOException.class);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("synced");
    }

    @Test
    void flipBitCorruptsOneBit() throws IOException {
        Path f = durableFile("A");
        fs.flipBit(f, 0, 1);
        assertThat(Files.readString(f)).isEqualTo("C");
    }
}
