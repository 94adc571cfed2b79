package io.kyrodb.engine;

import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.Op;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.settings.Settings;
import io.kyrodb.engine.storage.Checker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk fails statements with 53100 and changes nothing they did; once space returns the same
 * open database goes on (no reopen), and what it holds is exactly what was acknowledged.
 */
class DiskFullTest {
    @TempDir
    Path dir;

    private static Database open(FaultInjectingFileSystem fs, Path dir) {
        return new Database(new DatabaseLocation.Directory(dir), Settings.parse(Map.of("memtable_size", "32kB")), fs);
    }

    private static String value(long id) {
        return "v" + id + "-" + "z".repeat(150);
    }

    @Test
    void statementsFailWith53100WhileTheDiskIsFullAndTheDatabaseGoesOnAfterwards() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        TreeMap<Long, String> acked = new TreeMap<>();
        Database db = open(fs, dir);
        try {
            Session s = Session.attach(db);
            s.execute(RandomTransactions.TABLE);
            long id = 0;
            for (; id < 500; id++) {
                s.execute("INSERT INTO t VALUES (" + id + ", '" + value(id) + "')");
                acked.put(id, value(id));
            }
            fs.setDiskFull(true);
            int failed = 0;
            for (int i = 0; i < 8000; i++, id++) {
                try {
                    s.execute("INSERT INTO t VALUES (" + id + ", '" + value(id) + "')");
                    acked.put(id, value(id));
                } catch (KyroException e) {
                    assertThat(e.state()).as(e.getMessage()).isEqualTo(SqlState.DISK_FULL);
                    failed++;
                }
            }
            assertThat(failed).as("statements refused while the disk was full").isPositive();
            assertThat(RandomTransactions.read(s)).as("reads work while the disk is full").isEqualTo(acked);

            fs.setDiskFull(false);
            for (int i = 0; i < 3000; i++, id++) {
                s.execute("INSERT INTO t VALUES (" + id + ", '" + value(id) + "')");
                acked.put(id, value(id));
            }
            s.execute("CHECKPOINT");
            assertThat(RandomTransactions.read(s)).isEqualTo(acked);
        } finally {
            db.close();
        }
        Database again = open(fs, dir);
        try {
            assertThat(RandomTransactions.read(Session.attach(again))).isEqualTo(acked);
        } finally {
            again.close();
        }
        assertThat(Checker.check(fs, dir).findings()).noneMatch(Checker.Finding::error);
    }

    @Test
    void anIoErrorOnACommitFsyncFailsTheCommitAndLosesNothingAcknowledged() {
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        TreeMap<Long, String> acked = new TreeMap<>();
        Database db = open(fs, dir);
        Session s = Session.attach(db);
        s.execute(RandomTransactions.TABLE);
        for (long id = 0; id < 50; id++) {
            s.execute("INSERT INTO t VALUES (" + id + ", 'a')");
            acked.put(id, "a");
        }
        fs.failNth(Op.SYNC, 1, false, false);
        KyroException e = org.assertj.core.api.Assertions.catchThrowableOfType(KyroException.class,
                () -> s.execute("INSERT INTO t VALUES (1000, 'unacknowledged')"));
        assertThat(e.state()).isEqualTo(SqlState.IO_ERROR);
        db.halt();   // an fsync failed: the WAL refuses more writes; the database must be reopened
        fs.simulateCrash(FaultInjectingFileSystem.CrashMode.DROP_UNSYNCED);
        Database again = open(fs, dir);
        try {
            TreeMap<Long, String> found = RandomTransactions.read(Session.attach(again));
            found.remove(1000L);   // durable or not: its commit failed, either is allowed
            assertThat(found).isEqualTo(acked);
        } finally {
            again.close();
        }
    }
}
