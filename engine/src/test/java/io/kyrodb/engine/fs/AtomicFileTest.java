package io.kyrodb.engine.fs;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.Op;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AtomicFileTest {
    @TempDir
    Path dir;

    private final FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE);

    private Path target() {
        return dir.resolve("checkpoint");
    }

    private Path temp() {
        return dir.resolve("checkpoint" + AtomicFile.TEMP_SUFFIX);
    }

    @Test
    void writeThenReadBackAndReplace() {
        AtomicFile.write(fs, target(), "one".getBytes());
        assertThat(AtomicFile.read(fs, target())).isEqualTo("one".getBytes());
        AtomicFile.write(fs, target(), "two".getBytes());
        assertThat(AtomicFile.read(fs, target())).isEqualTo("two".getBytes());
        assertThat(temp()).doesNotExist();
    }

    @Test
    void streamsContentLargerThanItsBuffer() {
        byte[] big = new byte[300_000];
        new Random(5).nextBytes(big);
        AtomicFile.write(fs, target(), out -> {
            out.write(big, 0, 10);
            for (int i = 10; i < 1000; i++) {
                out.write(big[i]);
            }
            out.write(big, 1000, big.length - 1000);
        });
        assertThat(AtomicFile.read(fs, target())).isEqualTo(big);
    }

    @Test
    void aReturnedWriteSurvivesACrash() {
        AtomicFile.write(fs, target(), "one".getBytes());
        AtomicFile.write(fs, target(), "two".getBytes());
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(AtomicFile.read(fs, target())).isEqualTo("two".getBytes());
        assertThat(temp()).doesNotExist();
    }

    @Test
    void aCrashBeforeTheDirectorySyncLeavesTheOldContent() {
        AtomicFile.write(fs, target(), "old".getBytes());
        fs.failNth(Op.SYNC_DIRECTORY, 1, false, false);
        assertThatThrownBy(() -> AtomicFile.write(fs, target(), "new".getBytes()))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.IO_ERROR);
                    assertThat(e.getMessage()).startsWith("could not write " + target() + ": Input/output error");
                });
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        assertThat(AtomicFile.read(fs, target())).isEqualTo("old".getBytes());
    }

    @Test
    void aCrashAtAnyPointLeavesOldOrNewContent() {
        long seed = Long.getLong("kyro.seed", 11L);
        System.out.println("aCrashAtAnyPointLeavesOldOrNewContent seed=" + seed);
        Random random = new Random(seed);
        AtomicFile.write(fs, target(), "old".getBytes());
        for (Op op : Op.values()) {
            for (int nth = 1; nth <= 3; nth++) {
                for (CrashMode mode : CrashMode.values()) {
                    fs.failNth(op, nth, true, false);
                    try {
                        AtomicFile.write(fs, target(), "new".getBytes());
                    } catch (KyroException expected) {
                        // the crash happens at the failed operation
                    }
                    fs.clearFaults();
                    fs.simulateCrash(mode, random);
                    assertThat(new String(AtomicFile.read(fs, target()))).isIn("old", "new");
                    AtomicFile.write(fs, target(), "old".getBytes());
                }
            }
        }
    }

    @Test
    void aFailingWriterKeepsTheOldContentAndRemovesTheTemporaryFile() {
        AtomicFile.write(fs, target(), "old".getBytes());
        assertThatThrownBy(() -> AtomicFile.write(fs, target(), out -> {
            out.write("partial".getBytes());
            throw new IllegalStateException("serializer failed");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(AtomicFile.read(fs, target())).isEqualTo("old".getBytes());
        assertThat(temp()).doesNotExist();
    }

    @Test
    void aFullDiskIs53100AndKeepsTheOldContent() {
        AtomicFile.write(fs, target(), "old".getBytes());
        fs.failNth(Op.WRITE, 1, true, true);
        assertThatThrownBy(() -> AtomicFile.write(fs, target(), "new".getBytes()))
                .isInstanceOfSatisfying(KyroException.class,
                        e -> assertThat(e.state()).isEqualTo(SqlState.DISK_FULL));
        fs.clearFaults();
        assertThat(AtomicFile.read(fs, target())).isEqualTo("old".getBytes());
        assertThat(temp()).doesNotExist();
    }

    @Test
    void aLeftoverTemporaryFileIsReplaced() throws IOException {
        Files.writeString(temp(), "junk from a crash");
        AtomicFile.write(fs, target(), "fresh".getBytes());
        assertThat(AtomicFile.read(fs, target())).isEqualTo("fresh".getBytes());
        assertThat(temp()).doesNotExist();
    }

    @Test
    void readingAMissingFileIs58030() {
        assertThatThrownBy(() -> AtomicFile.read(fs, target()))
                .isInstanceOfSatisfying(KyroException.class, e -> {
                    assertThat(e.state()).isEqualTo(SqlState.IO_ERROR);
                    assertThat(e.getMessage()).startsWith("could not read " + target());
                });
    }
}
