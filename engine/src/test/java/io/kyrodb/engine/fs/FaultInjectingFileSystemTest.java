package io.kyrodb.engine.fs;

import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    void syncDataMakesContentsAndLengthDurableAndCountsAsASync() throws IOException {
        Path f = durableFile("synced");
        long syncs = fs.count(Op.SYNC);
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.READ_WRITE)) {
            h.write(bytes("SY"), 0);
            h.append(bytes("+grown"));
            h.syncData();
        }
        assertThat(fs.count(Op.SYNC)).isEqualTo(syncs + 1);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("SYnced+grown");

        fs.failNth(Op.SYNC, 1, false, false);
        try (FileHandle h = fs.open(f, FileSystem.OpenMode.READ_WRITE)) {
            h.write(bytes("xx"), 0);
            assertThatThrownBy(h::syncData).isInstanceOf(IOException.class);
        }
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(Files.readString(f)).isEqualTo("SYnced+grown");
    }

    @Test
    void sectorsModeKeepsAnySubsetOfUnsyncedSectorsOverwritesIncluded() throws IOException {
        long seed = Long.getLong("kyro.seed", 78L);
        System.out.println("sectorsModeKeepsAnySubsetOfUnsyncedSectorsOverwritesIncluded seed=" + seed);
        Random random = new Random(seed);
        int sector = FaultInjectingFileSystem.SECTOR_SIZE;
        boolean laterKeptEarlierLost = false;
        for (int i = 0; i < 30; i++) {
            Path f = dir.resolve("s" + i);
            byte[] zeros = new byte[4 * sector];
            byte[] fresh = new byte[6 * sector];   // overwrites sectors 0..3, grows by sectors 4..5
            Arrays.fill(fresh, (byte) 7);
            try (FileHandle h = fs.open(f, FileSystem.OpenMode.CREATE_NEW)) {
                h.write(ByteBuffer.wrap(zeros), 0);
                h.sync();
                h.write(ByteBuffer.wrap(fresh, 0, 3 * sector), 100);   // not sector-aligned
                h.write(ByteBuffer.wrap(fresh, 0, 6 * sector - 100 - 3 * sector), 100 + 3 * sector);
            }
            fs.syncDirectory(dir);
            fs.simulateCrash(CrashMode.SECTORS_UNSYNCED, random);
            byte[] after = Files.readAllBytes(f);
            assertThat(after.length).isBetween(4 * sector, 6 * sector);
            assertThat(Arrays.copyOf(after, 100)).containsOnly(0);   // never written
            boolean[] kept = new boolean[(after.length + sector - 1) / sector];
            for (int s = 0; s < kept.length; s++) {
                int from = Math.max(100, s * sector);
                int to = Math.min(after.length, (s + 1) * sector);
                byte[] part = Arrays.copyOfRange(after, from, to);
                // A sector is whole: all new bytes, or all old (zeros).
                assertThat(part).satisfiesAnyOf(p -> assertThat(p).containsOnly(7), p -> assertThat(p).containsOnly(0));
                kept[s] = part.length > 0 && part[0] == 7;
            }
            for (int s = 1; s < kept.length; s++) {
                laterKeptEarlierLost |= kept[s] && !kept[s - 1];
            }
        }
        assertThat(laterKeptEarlierLost).as("a later sector survived where an earlier one did not").isTrue();
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
