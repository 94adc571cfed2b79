package io.kyrodb.engine;

import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.settings.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Deferred constraints and crashes: the checks a COMMIT runs come before its WAL record, so a
 * COMMIT that fails them writes nothing (even bytes a process crash keeps), and a crash while a
 * COMMIT that passed them syncs leaves the whole transaction or none of it.
 */
class DeferredConstraintCrashTest {
    @TempDir
    Path root;

    private static Database open(FaultInjectingFileSystem fs, Path dir) {
        return new Database(new DatabaseLocation.Directory(dir), Settings.parse(Map.of()), fs);
    }

    private static void setUp(Session s) {
        s.execute("CREATE TABLE slots (id int PRIMARY KEY, pos int UNIQUE DEFERRABLE INITIALLY DEFERRED)");
        s.execute("CREATE TABLE parent (id int PRIMARY KEY)");
        s.execute("CREATE TABLE child (id int PRIMARY KEY, p int REFERENCES parent DEFERRABLE INITIALLY DEFERRED)");
        s.execute("INSERT INTO slots SELECT g, g FROM generate_series(1, 100) g");
        s.execute("INSERT INTO parent VALUES (1)");
        s.execute("CHECKPOINT");
    }

    @Test
    void aCommitThatFailsItsDeferredChecksWritesNothing() {
        Path dir = root.resolve("failed");
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        Database db = open(fs, dir);
        Session s = Session.attach(db);
        setUp(s);
        s.execute("BEGIN");
        s.execute("INSERT INTO parent VALUES (2)");
        s.execute("INSERT INTO child VALUES (1, 1), (2, 3)");   // 3 has no parent
        s.execute("UPDATE slots SET pos = pos + 1 WHERE id < 50");   // leaves 50 twice
        assertThatThrownBy(() -> s.execute("COMMIT")).isInstanceOf(KyroException.class)
                .satisfies(e -> assertThat(((KyroException) e).state()).isIn(SqlState.UNIQUE_VIOLATION,
                        SqlState.FOREIGN_KEY_VIOLATION));
        db.halt();
        fs.simulateCrash(CrashMode.KEEP_UNSYNCED);   // whatever was written survives: nothing may have been
        Database again = open(fs, dir);
        try {
            Session t = Session.attach(again);
            assertThat(column(t, "SELECT count(*) FROM parent")).containsExactly(1L);
            assertThat(column(t, "SELECT count(*) FROM child")).containsExactly(0L);
            assertThat(column(t, "SELECT count(DISTINCT pos) FROM slots")).containsExactly(100L);
            assertThat(column(t, "SELECT sum(pos) FROM slots")).containsExactly(5050L);
        } finally {
            again.close();
        }
    }

    @Test
    void aCrashWhileAPassingCommitSyncsLeavesAllOrNothing() {
        Path dir = root.resolve("passed");
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        Database db = open(fs, dir);
        Session s = Session.attach(db);
        setUp(s);
        s.execute("BEGIN");
        s.execute("UPDATE slots SET pos = pos + 1");   // 101 distinct values again after the next statement
        s.execute("UPDATE slots SET pos = 1 WHERE id = 100");
        s.execute("INSERT INTO child VALUES (1, 5)");
        s.execute("INSERT INTO parent VALUES (5)");
        fs.failNth(FaultInjectingFileSystem.Op.SYNC, 1, true, false);   // the COMMIT's fsync fails
        try {
            s.execute("COMMIT");
        } catch (KyroException expected) {
            // the commit is not known to be durable: the crash below decides
        }
        db.halt();
        fs.clearFaults();
        fs.simulateCrash(CrashMode.DROP_UNSYNCED);
        Database again = open(fs, dir);
        try {
            Session t = Session.attach(again);
            long children = (Long) column(t, "SELECT count(*) FROM child").get(0);
            long parents = (Long) column(t, "SELECT count(*) FROM parent").get(0);
            assertThat(column(t, "SELECT count(DISTINCT pos) FROM slots")).containsExactly(100L);
            List<Object> last = column(t, "SELECT pos FROM slots WHERE id IN (1, 100) ORDER BY id");
            if (children == 0) {   // none of it
                assertThat(parents).isEqualTo(1L);
                assertThat(last).containsExactly(1, 100);
            } else {   // all of it
                assertThat(parents).isEqualTo(2L);
                assertThat(last).containsExactly(2, 1);
            }
        } finally {
            again.close();
        }
    }

    private static List<Object> column(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        List<Object> out = new ArrayList<>();
        for (Object[] row; (row = rows.next()) != null; ) {
            out.add(row[0]);
        }
        rows.close();
        return out;
    }
}
