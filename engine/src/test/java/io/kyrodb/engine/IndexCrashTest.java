package io.kyrodb.engine;

import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.Op;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.settings.Settings;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secondary index through power losses, as {@link DatabaseCrashTest} does for rows: random
 * transactions on a table with an index on its value column and a tiny memtable (so the index's
 * entries are flushed, compacted and checkpointed too), a seeded moment after which every write
 * and sync fails, a simulated power loss, and a reopen. Then the index must answer every lookup
 * exactly as the recovered rows do: each value's ids through the index equal those the rows
 * hold, ranges count the same, and a row the index lost or kept too many of is found.
 * {@code -Dkyro.crash.seed=N} replays one trial.
 */
class IndexCrashTest {
    private static final int KEYS = 300;

    @TempDir
    Path root;

    private static Database open(FaultInjectingFileSystem fs, Path dir) {
        return new Database(new DatabaseLocation.Directory(dir), Settings.parse(Map.of("memtable_size", "8kB")), fs);
    }

    @TestFactory
    Stream<DynamicTest> theIndexAgreesWithTheRowsAfterAPowerLoss() {
        String one = System.getProperty("kyro.crash.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one))
                : LongStream.rangeClosed(1, Boolean.getBoolean("kyro.slow") ? 500 : 20);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private void trial(long seed) {
        Random r = new Random(seed);
        CrashMode mode = CrashMode.values()[1 + r.nextInt(CrashMode.values().length - 1)];
        int commitsBeforeFault = r.nextInt(120);
        System.out.println("IndexCrashTest seed=" + seed + " mode=" + mode + " faultAfter=" + commitsBeforeFault
                + " commits (rerun: -Dtest=IndexCrashTest -Dkyro.crash.seed=" + seed + ")");
        Path dir = root.resolve("db" + seed);
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        TreeMap<Long, String> acked = new TreeMap<>();
        TreeMap<Long, String> inFlight = null;
        RandomTransactions work = new RandomTransactions(r, KEYS);
        Database db = open(fs, dir);
        Session s = Session.attach(db);
        s.execute(RandomTransactions.TABLE);
        s.execute("CREATE INDEX t_v ON t (v)");
        for (int commit = 0; commit < commitsBeforeFault + 40; commit++) {
            if (commit == commitsBeforeFault) {
                fs.failNth(Op.WRITE, 1 + r.nextInt(20), true, false);
                fs.failNth(Op.SYNC, 1 + r.nextInt(6), true, false);
                fs.failNth(Op.SYNC_DIRECTORY, 1 + r.nextInt(4), true, false);
            }
            try {
                s.execute("BEGIN");
                var changes = work.run(s, acked);
                TreeMap<Long, String> next = new TreeMap<>(acked);
                RandomTransactions.apply(next, changes);
                inFlight = next;
                s.execute("COMMIT");
                acked = next;
                inFlight = null;
            } catch (KyroException e) {
                break;
            }
        }
        db.halt();
        fs.clearFaults();
        fs.simulateCrash(mode, r);

        Database again = open(fs, dir);
        try {
            Session t = Session.attach(again);
            TreeMap<Long, String> found = RandomTransactions.read(t);
            if (!found.equals(acked)) {
                assertThat(found).as("after the crash").isEqualTo(inFlight != null ? inFlight : acked);
            }
            checkIndex(t, found);
            t.execute("INSERT INTO t VALUES (100000, 'after')");
            found.put(100000L, "after");
            again.close();
            again = open(fs, dir);
            checkIndex(Session.attach(again), found);
        } finally {
            again.close();
        }
    }

    /** Every value's ids through the index equal the rows'; so do the counts of ranges. */
    static void checkIndex(Session s, TreeMap<Long, String> rows) {
        // only the key is read: answered from the index entries alone
        assertThat(explain(s, "SELECT id FROM t WHERE v = 'x'")).contains("Index Only Scan using t_v on t");
        TreeMap<String, TreeSet<Long>> byValue = new TreeMap<>();
        rows.forEach((id, v) -> byValue.computeIfAbsent(v, k -> new TreeSet<>()).add(id));
        for (var e : byValue.entrySet()) {
            assertThat(ids(s, "SELECT id FROM t WHERE v = '" + e.getKey() + "'"))
                    .as("ids of value %s through the index", e.getKey()).isEqualTo(e.getValue());
        }
        long updatedByRange = rows.values().stream().filter(v -> v.compareTo("u") >= 0).count();
        assertThat(ids(s, "SELECT id FROM t WHERE v >= 'u'")).hasSize((int) updatedByRange);
        assertThat(ids(s, "SELECT id FROM t WHERE v < 'u'")).hasSize(rows.size() - (int) updatedByRange);
    }

    private static TreeSet<Long> ids(Session s, String sql) {
        TreeSet<Long> out = new TreeSet<>();
        ExecResult.Rows rows = (ExecResult.Rows) s.execute(sql);
        for (Object[] r; (r = rows.next()) != null; ) {
            assertThat(out.add((Long) r[0])).as("%s returned id %s twice", sql, r[0]).isTrue();
        }
        return out;
    }

    private static String explain(Session s, String sql) {
        ExecResult.Rows rows = (ExecResult.Rows) s.execute("EXPLAIN " + sql);
        List<String> lines = new ArrayList<>();
        for (Object[] r; (r = rows.next()) != null; ) {
            lines.add(String.valueOf(r[0]));
        }
        return String.join("\n", lines);
    }

    /** An index built on rows already in runs, then dropped and rebuilt, across clean reopens. */
    @Test
    void anIndexBuiltOverFlushedRowsSurvivesReopenAndDrop() {
        Path dir = root.resolve("build");
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        TreeMap<Long, String> rows = new TreeMap<>();
        Database db = open(fs, dir);
        try {
            Session s = Session.attach(db);
            s.execute(RandomTransactions.TABLE);
            for (long id = 0; id < 500; id++) {
                String v = "s" + (id % 37);
                s.execute("INSERT INTO t VALUES (" + id + ", '" + v + "')");
                rows.put(id, v);
            }
            s.execute("CHECKPOINT");
            s.execute("CREATE INDEX t_v ON t (v)");
            checkIndex(s, rows);
        } finally {
            db.close();
        }
        db = open(fs, dir);
        try {
            Session s = Session.attach(db);
            checkIndex(s, rows);
            s.execute("DELETE FROM t WHERE id < 100");
            rows.headMap(100L).clear();
            s.execute("CHECKPOINT");
            s.execute("DROP INDEX t_v");
            assertThat(explain(s, "SELECT id FROM t WHERE v = 'x'")).doesNotContain("t_v");
            s.execute("CREATE INDEX t_v ON t (v)");
        } finally {
            db.close();
        }
        db = open(fs, dir);
        try {
            checkIndex(Session.attach(db), rows);
        } finally {
            db.close();
        }
    }
}
