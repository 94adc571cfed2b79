package io.kyrodb.engine.storage;

import io.kyrodb.engine.DatabaseLocation;
import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.Session;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.LocalFileSystem;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** kyro check: a healthy database passes; each kind of damage is found and placed. */
class CheckerTest {
    @TempDir
    Path dir;

    @BeforeEach
    void database() {
        try (Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of("memtable_size", "16kB"))) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
            s.execute("CREATE TABLE k (a INT, b TEXT, PRIMARY KEY (a, b))");
            s.execute("CREATE TABLE h (x INT)");
            for (int i = 0; i < 600; i++) {
                s.execute("INSERT INTO t VALUES (" + i + ", 'value " + i + "')");
                if (i % 10 == 0) {
                    s.execute("INSERT INTO k VALUES (" + i + ", 'b" + i + "')");
                    s.execute("INSERT INTO h VALUES (" + i + ")");
                    s.execute("DELETE FROM t WHERE id = " + (i / 2));
                }
            }
            s.execute("CHECKPOINT");
            s.execute("INSERT INTO t VALUES (100000, 'only in the WAL')");
        }
    }

    private Checker.Report check() {
        return Checker.check(LocalFileSystem.INSTANCE, dir);
    }

    private File[] runs() {
        File[] files = dir.resolve("runs").toFile().listFiles();
        Arrays.sort(files);
        return files;
    }

    @Test
    void aHealthyDatabasePasses() {
        Checker.Report r = check();
        assertThat(r.findings()).isEmpty();
        assertThat(r.ok()).isTrue();
        assertThat(r.runs()).isPositive();
        assertThat(r.entries()).isGreaterThan(600);
    }

    /** Index entries live in runs of their own, which the checkpoint lists with the index. */
    @Test
    void aHealthyDatabaseWithIndexesPassesAndItsIndexRunsAreChecked(@TempDir Path other) {
        try (Session s = Session.connect(new DatabaseLocation.Directory(other), Map.of("memtable_size", "16kB"))) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v TEXT)");
            s.execute("CREATE TABLE h (x INT, y TEXT)");
            s.execute("CREATE INDEX t_v ON t (v DESC)");
            s.execute("CREATE UNIQUE INDEX h_x_y ON h (x, y)");
            for (int i = 0; i < 600; i++) {
                s.execute("INSERT INTO t VALUES (" + i + ", " + (i % 7 == 0 ? "NULL" : "'value " + i + "'") + ")");
                s.execute("INSERT INTO h VALUES (" + (i % 5 == 0 ? "NULL" : String.valueOf(i)) + ", 'y')");
            }
            s.execute("CHECKPOINT");
        }
        Checker.Report withIndexes = Checker.check(LocalFileSystem.INSTANCE, other);
        assertThat(withIndexes.findings()).isEmpty();
        // Each table's rows are entries twice over: once as rows, once as index entries.
        assertThat(withIndexes.entries()).isGreaterThanOrEqualTo(4 * 600);
    }

    @Test
    void aFlippedBitInARunBlockIsFoundWithFileAndOffset() throws IOException {
        File run = runs()[0];
        try (RandomAccessFile f = new RandomAccessFile(run, "rw")) {
            f.seek(100);
            int b = f.read();
            f.seek(100);
            f.write(b ^ 0x10);
        }
        Checker.Report r = check();
        assertThat(r.ok()).isFalse();
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.error()).isTrue();
            assertThat(f.toString()).contains(run.getName()).contains("at offset").contains("checksum mismatch");
        });
    }

    @Test
    void aMissingRunAndALeftoverFileAreReported() throws IOException {
        File run = runs()[0];
        Files.move(run.toPath(), dir.resolve("elsewhere"));
        Files.write(dir.resolve("runs").resolve("00000000000fffff.run"), new byte[10]);
        Checker.Report r = check();
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.toString()).contains(run.getName()).contains("missing"));
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.error()).isFalse();
            assertThat(f.toString()).contains("00000000000fffff.run").contains("not listed by the checkpoint");
        });
    }

    /** The offset just past the last record of a WAL segment (records end at an all-zero header). */
    private static long endOfRecords(File segment) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(segment, "r")) {
            long pos = io.kyrodb.engine.wal.WalFormat.HEADER_SIZE;
            while (pos + 4 <= f.length()) {
                f.seek(pos);
                int length = Integer.reverseBytes(f.readInt());
                if (length == 0) {
                    f.seek(pos);
                    byte[] header = new byte[21];
                    f.readFully(header);
                    boolean zero = true;
                    for (byte b : header) {
                        zero &= b == 0;
                    }
                    if (zero) {
                        return pos;
                    }
                }
                pos += io.kyrodb.engine.wal.WalFormat.RECORD_OVERHEAD + length;
            }
            return pos;
        }
    }

    @Test
    void aTornWalTailIsANoteButDamageToADurableRecordIsAnError() throws IOException {
        File segment = dir.resolve("wal").toFile().listFiles((d, n) -> n.endsWith(".wal"))[0];
        long end = endOfRecords(segment);
        try (RandomAccessFile f = new RandomAccessFile(segment, "rw")) {
            f.seek(end);
            f.write(new byte[]{40, 0, 0, 0, 9, 9, 9});   // the start of a record the crash cut short
        }
        assertThat(check().findings()).singleElement().satisfies(f -> {
            assertThat(f.error()).as(f.toString()).isFalse();
            assertThat(f.message()).contains("recovery truncates it");
        });
        try (RandomAccessFile f = new RandomAccessFile(segment, "rw")) {
            long at = io.kyrodb.engine.wal.WalFormat.HEADER_SIZE + 30;   // inside the first record
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x20);
        }
        assertThat(check().ok()).as("a bad record that later records say was durable").isFalse();
    }

    @Test
    void aCorruptCheckpointIsAnErrorAndAnOpenDatabaseIsRefused() throws IOException {
        try (Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of())) {
            assertThatThrownBy(this::check).isInstanceOfSatisfying(KyroException.class,
                    e -> assertThat(e.state()).isEqualTo(SqlState.OBJECT_IN_USE));
        }
        Path cp = dir.resolve("checkpoint");
        byte[] bytes = Files.readAllBytes(cp);
        bytes[20] ^= 1;
        Files.write(cp, bytes);
        assertThat(check().findings()).singleElement().satisfies(f -> {
            assertThat(f.error()).isTrue();
            assertThat(f.message()).contains("checkpoint").contains("checksum mismatch");
        });
    }

    @Test
    void notADatabase(@TempDir Path empty) {
        assertThatThrownBy(() -> Checker.check(LocalFileSystem.INSTANCE, empty)).hasMessageContaining("not a KyroDB database");
    }
}
