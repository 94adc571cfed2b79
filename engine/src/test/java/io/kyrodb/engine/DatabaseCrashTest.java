package io.kyrodb.engine;

import io.kyrodb.engine.fs.FaultInjectingFileSystem;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.CrashMode;
import io.kyrodb.engine.fs.FaultInjectingFileSystem.Op;
import io.kyrodb.engine.fs.LocalFileSystem;
import io.kyrodb.engine.settings.Settings;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The durability test (SQLite's crash simulator, LevelDB's fault-injection env): a database on a
 * {@link FaultInjectingFileSystem} with a tiny memtable, so that flushes, compactions, checkpoints
 * and WAL truncation happen all the time, runs random transactions; at a seeded moment every write
 * and fsync from then on fails (the machine stops), then a simulated power loss drops, zeroes or
 * tears whatever was not fsynced. The reopened database must hold every acknowledged commit and
 * nothing else (the one commit in flight may or may not be there), answer lookups the same way,
 * and take new commits. Removing most fsyncs the engine relies on makes this fail; the few it
 * reaches rarely or never (a compaction's directory fsync, the flush's WAL fsync with
 * {@code sync=off}, BACKUP's, a recovery's) have deterministic tests in {@link StorageCrashTest}
 * and {@code WalCrashTest}.
 * <p>
 * {@code -Dkyro.slow=true} runs 1,000 trials; {@code -Dkyro.crash.seed=N} replays one.
 */
class DatabaseCrashTest {
    private static final int KEYS = 400;

    @TempDir
    Path root;

    @TestFactory
    Stream<DynamicTest> everyAcknowledgedCommitSurvivesAPowerLossAtAnyMoment() {
        String one = System.getProperty("kyro.crash.seed");
        LongStream seeds = one != null ? LongStream.of(Long.parseLong(one))
                : LongStream.rangeClosed(1, Boolean.getBoolean("kyro.slow") ? 1000 : 40);
        return seeds.mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> trial(seed)));
    }

    private static Database open(FaultInjectingFileSystem fs, Path dir) {
        return new Database(new DatabaseLocation.Directory(dir),
                Settings.parse(Map.of("memtable_size", "8kB")), fs);
    }

    private void trial(long seed) {
        Random r = new Random(seed);
        CrashMode mode = CrashMode.values()[1 + r.nextInt(CrashMode.values().length - 1)];
        int commitsBeforeFault = r.nextInt(150);
        System.out.println("DatabaseCrashTest seed=" + seed + " mode=" + mode + " faultAfter=" + commitsBeforeFault
                + " commits (rerun: -Dtest=DatabaseCrashTest -Dkyro.crash.seed=" + seed + ")");
        Path dir = root.resolve("db" + seed);
        FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
        TreeMap<Long, String> acked = new TreeMap<>();
        TreeMap<Long, String> inFlight = null;
        RandomTransactions work = new RandomTransactions(r, KEYS);

        Database db = open(fs, dir);
        Session s = Session.attach(db);
        s.execute(RandomTransactions.TABLE);
        for (int commit = 0; commit < commitsBeforeFault + 60; commit++) {
            if (commit == commitsBeforeFault) {
                // The machine stops soon: every write and sync from a few operations on fails.
                fs.failNth(Op.WRITE, 1 + r.nextInt(20), true, false);
                fs.failNth(Op.SYNC, 1 + r.nextInt(6), true, false);
                fs.failNth(Op.SYNC_DIRECTORY, 1 + r.nextInt(4), true, false);
            }
            var changes = new java.util.HashMap<Long, String>();
            try {
                s.execute("BEGIN");
                changes.putAll(work.run(s, acked));
                TreeMap<Long, String> next = new TreeMap<>(acked);
                RandomTransactions.apply(next, changes);
                inFlight = next;
                s.execute("COMMIT");
                acked = next;
                inFlight = null;
            } catch (KyroException e) {
                break;   // the machine is gone: no later commit can be acknowledged
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
                assertThat(found).as("after the crash: the acknowledged commits, or those plus the one in flight")
                        .isEqualTo(inFlight != null ? inFlight : acked);
            }
            RandomTransactions.checkLookups(t, found, KEYS);
            // Still a working database: new commits, another clean reopen.
            t.execute("INSERT INTO t VALUES (100000, 'after')");
            found.put(100000L, "after");
            again.close();
            again = open(fs, dir);
            assertThat(RandomTransactions.read(Session.attach(again))).isEqualTo(found);
        } finally {
            again.close();
        }
    }

    /** Not a crash: the files as written must reopen to exactly the acknowledged state. */
    @TestFactory
    Stream<DynamicTest> aProcessCrashKeepsEverything() {
        return LongStream.rangeClosed(1, 5).mapToObj(seed -> DynamicTest.dynamicTest("seed=" + seed, () -> {
            Random r = new Random(seed);
            Path dir = root.resolve("p" + seed);
            FaultInjectingFileSystem fs = new FaultInjectingFileSystem(LocalFileSystem.INSTANCE, false);
            Database db = open(fs, dir);
            Session s = Session.attach(db);
            s.execute(RandomTransactions.TABLE);
            TreeMap<Long, String> acked = new TreeMap<>();
            RandomTransactions work = new RandomTransactions(r, KEYS);
            List<Integer> sizes = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                s.execute("BEGIN");
                var changes = work.run(s, acked);
                s.execute("COMMIT");
                RandomTransactions.apply(acked, changes);
                sizes.add(acked.size());
            }
            db.halt();
            fs.simulateCrash(CrashMode.KEEP_UNSYNCED);
            Database again = open(fs, dir);
            try {
                assertThat(RandomTransactions.read(Session.attach(again))).isEqualTo(acked);
            } finally {
                again.close();
            }
        }));
    }
}
