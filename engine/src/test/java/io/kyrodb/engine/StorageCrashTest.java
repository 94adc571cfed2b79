package io.kyrodb.engine;

import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.storage.run.RunFormat;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Power loss right after a step of the storage that must be durable when it completes, in the
 * cases {@link DatabaseCrashTest}'s random workload reaches rarely or never: CHECKPOINT with
 * {@code sync=off} (the flush must fsync the WAL up to the LSN the checkpoint claims), a
 * compaction's new checkpoint (its output run must be durable, entry included), and BACKUP TO
 * (the copy must be durable once the statement returns). Each test is deterministic and fails if
 * one of those fsyncs is removed.
 */
class StorageCrashTest {
    @TempDir
    Path root;

    private final FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);

    private Database open(Path dir, Map<String, String> settings) {
        return new Database(new DatabaseLocation.Directory(dir), Settings.parse(settings), fs);
    }

    private static void insert(Session s, TreeMap<Long, String> oracle, long from, long to) {
        for (long id = from; id <= to; id++) {
            String v = "v" + id + "-" + "x".repeat((int) (id % 50));
            s.execute("INSERT INTO t VALUES (" + id + ", '" + v + "')");
            oracle.put(id, v);
        }
    }

    private TreeMap<Long, String> reopenAndRead(Path dir, Map<String, String> settings) {
        Database again = open(dir, settings);
        try {
            return RandomTransactions.read(Session.attach(again));
        } finally {
            again.close();
        }
    }

    /**
     * With {@code sync=off} commits reach only the OS, but CHECKPOINT puts them in fsynced runs and
     * a checkpoint that says the runs hold every commit up to its LSN. The flush must fsync the WAL
     * up to that LSN first: otherwise a power loss leaves a WAL that ends before the checkpoint's
     * LSN, and the database no longer opens (XX001, WAL segments are missing).
     */
    @ParameterizedTest
    @EnumSource(value = CrashMode.class, names = {"DROP_UNSYNCED", "ZERO_UNSYNCED"})
    void aCheckpointWithSyncOffSurvivesAPowerLoss(CrashMode mode) {
        Path dir = root.resolve("db");
        Map<String, String> syncOff = Map.of("sync", "off");
        TreeMap<Long, String> rows = new TreeMap<>();
        Database db = open(dir, syncOff);
        Session s = Session.attach(db);
        s.execute(RandomTransactions.TABLE);
        insert(s, rows, 1, 30);
        s.execute("CHECKPOINT");
        db.halt();
        fs.simulateCrash(mode);

        assertThat(reopenAndRead(dir, syncOff)).isEqualTo(rows);
    }

    /**
     * A compaction replaces runs by its output and writes a checkpoint that lists only the output;
     * the output's directory entry must be durable before that checkpoint, or a power loss leaves
     * a checkpoint naming a run that is missing (XX001). No flush follows the compaction here, so
     * no later fsync of {@code runs/} covers the entry by chance.
     */
    @ParameterizedTest
    @EnumSource(value = CrashMode.class, names = {"DROP_UNSYNCED", "ZERO_UNSYNCED"})
    void aCompactionsCheckpointSurvivesAPowerLoss(CrashMode mode) {
        Path dir = root.resolve("db");
        Map<String, String> settings = Map.of();
        TreeMap<Long, String> rows = new TreeMap<>();
        Database db = open(dir, settings);
        Session s = Session.attach(db);
        s.execute(RandomTransactions.TABLE);
        for (int run = 0; run < 4; run++) {   // four runs of about one size: CompactionPolicy merges them
            insert(s, rows, run * 10 + 1, run * 10 + 10);
            s.execute("CHECKPOINT");
        }
        db.awaitBackgroundIdle();
        // Runs 1 to 4 are the flushes'; run 5 is the compaction's output.
        assertThat(dir.resolve("runs").resolve(RunFormat.fileName(5))).as("the compaction's output").exists();
        db.halt();
        fs.simulateCrash(mode);

        assertThat(reopenAndRead(dir, settings)).isEqualTo(rows);
    }

    /**
     * Once BACKUP TO returns, the copy is a database that survives a power loss: its run files and
     * WAL segments (contents and directory entries) and the backup directory itself are durable.
     * The source holds rows in runs (before the CHECKPOINT) and rows only in the WAL (after it), so
     * the copy needs both parts.
     */
    @ParameterizedTest
    @EnumSource(value = CrashMode.class, names = {"DROP_UNSYNCED", "ZERO_UNSYNCED"})
    void aReturnedBackupSurvivesAPowerLoss(CrashMode mode) {
        Path dir = root.resolve("db");
        Path backup = root.resolve("backup");
        Map<String, String> settings = Map.of();
        TreeMap<Long, String> rows = new TreeMap<>();
        Database db = open(dir, settings);
        Session s = Session.attach(db);
        s.execute(RandomTransactions.TABLE);
        insert(s, rows, 1, 30);
        s.execute("CHECKPOINT");
        insert(s, rows, 31, 40);
        s.execute("DELETE FROM t WHERE id BETWEEN 5 AND 9");
        rows.subMap(5L, true, 9L, true).clear();
        s.execute("BACKUP TO '" + backup + "'");
        db.halt();
        fs.simulateCrash(mode);

        assertThat(reopenAndRead(backup, settings)).isEqualTo(rows);
    }

    /**
     * The first open dies between creating the database directory and fsyncing its parent (a
     * process crash); the next open must make the directory durable before it acknowledges commits.
     */
    @org.junit.jupiter.api.Test
    void aDatabaseDirectoryLeftByAProcessCrashIsMadeDurable() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        Path dir = root.resolve("created");
        Settings settings = Settings.parse(Map.of());
        fs.failNth(FaultInjectingFileSystem.Op.SYNC_DIRECTORY, 1, false, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new Database(new DatabaseLocation.Directory(dir), settings, fs)).isInstanceOf(KyroException.class);
        fs.clearFaults();
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);

        Database db = new Database(new DatabaseLocation.Directory(dir), settings, fs);
        Session s = Session.attach(db);
        s.execute(RandomTransactions.TABLE);
        TreeMap<Long, String> rows = new TreeMap<>();
        for (long id = 1; id <= 10; id++) {
            s.execute("INSERT INTO t VALUES (" + id + ", 'v" + id + "')");
            rows.put(id, "v" + id);
        }
        db.halt();
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);

        Database again = new Database(new DatabaseLocation.Directory(dir), settings, fs);
        try {
            assertThat(RandomTransactions.read(Session.attach(again))).isEqualTo(rows);
        } finally {
            again.close();
        }
    }
}
