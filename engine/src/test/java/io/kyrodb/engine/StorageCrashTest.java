package io.kyrodb.engine;

import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.Op;
import io.kyrodb.engine.fs.FileHandle;
import io.kyrodb.engine.fs.FileSystem;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.storage.run.RunFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Power loss right after a step of the storage that must be durable when it completes, in the
 * cases {@link DatabaseCrashTest}'s random workload reaches rarely or never: CHECKPOINT with
 * {@code sync=off} (the flush must fsync the WAL up to the LSN the checkpoint claims), a
 * compaction's new checkpoint (its output run must be durable, entry included), BACKUP TO (the
 * copy must be durable once the statement returns), and what an open must make durable that
 * a crashed process left unsynced (the database directory, a checkpoint renamed into place). Each
 * test is deterministic and fails if one of those fsyncs is removed.
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
    @Test
    void aDatabaseDirectoryLeftByAProcessCrashIsMadeDurable() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        Path dir = root.resolve("created");
        Settings settings = Settings.parse(Map.of());
        fs.failNth(Op.SYNC_DIRECTORY, 1, false, false);
        assertThatThrownBy(
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

    /**
     * A process renamed a new checkpoint into place and died before the directory fsync that makes
     * the rename durable; the next open reads that checkpoint and deletes the run files only the
     * checkpoint it replaced lists (here: a dropped table's). The new checkpoint's entry must be
     * durable before those deletions can be: a file system may write a directory back on its own at
     * any moment (nothing orders changes in two directories without an fsync), and if it writes
     * {@code runs/} back before the database directory, a power loss that takes the rename back
     * leaves the old checkpoint listing runs that are gone (XX001). {@link FaultInjectingFileSystem}
     * keeps unsynced directory changes as a prefix in time, so it never loses the rename and keeps
     * the later deletions; {@link RunsWrittenBackBeforeThePowerFails} does that write-back itself,
     * then the power fails at the open's next fsync of the database directory (the WAL's recovery).
     * The injected failure must hit the second CHECKPOINT's checkpoint: the first CHECKPOINT returns
     * only once its flush wrote its checkpoint (it once returned while the flush thread still wrote
     * it again; that late write took the failure, the second CHECKPOINT then failed at once without
     * writing, and the open found nothing to delete: about one run in fifteen under load).
     */
    @Test
    void aCheckpointLeftUnsyncedByAProcessCrashIsDurableBeforeTheRunsItDropsAreDeleted() throws IOException {
        Path dir = root.resolve("db");
        Map<String, String> settings = Map.of();
        TreeMap<Long, String> rows = new TreeMap<>();
        Database db = open(dir, settings);
        Session s = Session.attach(db);
        s.execute(RandomTransactions.TABLE);
        s.execute("CREATE TABLE gone (id BIGINT PRIMARY KEY)");
        insert(s, rows, 1, 20);
        s.execute("INSERT INTO gone VALUES (1)");
        s.execute("CHECKPOINT");   // one run per table, listed by a durable checkpoint
        Path runs = dir.resolve("runs");
        assertThat(runFiles(runs)).hasSize(2);
        s.execute("DROP TABLE gone");
        fs.failNth(Op.SYNC_DIRECTORY, 1, true, false);   // the new checkpoint's directory fsync, and any retry's
        assertThatThrownBy(() -> s.execute("CHECKPOINT")).isInstanceOf(KyroException.class);
        db.halt();
        fs.clearFaults();
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);   // the process dies; the rename is visible, not durable
        assertThat(runFiles(runs)).as("the dropped table's run stays until its checkpoint is durable").hasSize(2);

        assertThatThrownBy(() -> new Database(new DatabaseLocation.Directory(dir), Settings.parse(settings),
                new RunsWrittenBackBeforeThePowerFails(fs, dir))).isInstanceOf(KyroException.class)
                .hasMessageContaining("power failure");
        assertThat(runFiles(runs)).as("the open deleted the dropped table's run").hasSize(1);
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);

        assertThat(reopenAndRead(dir, settings)).isEqualTo(rows);
    }

    private static List<Path> runFiles(Path runs) throws IOException {
        try (var files = Files.list(runs)) {
            return files.toList();
        }
    }

    /**
     * Passes everything to a {@link FaultInjectingFileSystem}, except that once a run file was
     * deleted, the next fsync of the database directory is where the power fails: just before it,
     * the file system has written {@code runs/} back on its own (its deletions are durable), and the
     * fsync itself throws without syncing anything.
     */
    private static final class RunsWrittenBackBeforeThePowerFails implements FileSystem {
        private final FaultInjectingFileSystem delegate;
        private final Path dir;
        private final Path runs;
        private boolean runDeleted;

        RunsWrittenBackBeforeThePowerFails(FaultInjectingFileSystem delegate, Path dir) {
            this.delegate = delegate;
            this.dir = dir.toAbsolutePath().normalize();
            this.runs = this.dir.resolve("runs");
        }

        private synchronized void deleted(Path path) {
            if (runs.equals(path.toAbsolutePath().normalize().getParent())) {
                runDeleted = true;
            }
        }

        @Override
        public synchronized void syncDirectory(Path d) throws IOException {
            if (runDeleted && dir.equals(d.toAbsolutePath().normalize())) {
                delegate.syncDirectory(runs);
                throw new IOException("power failure (simulated) before the fsync of " + d);
            }
            delegate.syncDirectory(d);
        }

        @Override
        public void delete(Path path) throws IOException {
            delegate.delete(path);
            deleted(path);
        }

        @Override
        public boolean deleteIfExists(Path path) throws IOException {
            boolean done = delegate.deleteIfExists(path);
            if (done) {
                deleted(path);
            }
            return done;
        }

        @Override
        public FileHandle open(Path file, OpenMode mode) throws IOException {
            return delegate.open(file, mode);
        }

        @Override
        public boolean exists(Path path) {
            return delegate.exists(path);
        }

        @Override
        public List<Path> list(Path d) throws IOException {
            return delegate.list(d);
        }

        @Override
        public void createDirectories(Path d) throws IOException {
            delegate.createDirectories(d);
        }

        @Override
        public void rename(Path source, Path target) throws IOException {
            delegate.rename(source, target);
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
}
