package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RecoveryTime} reopens the database here and closes it cleanly between two kills; this
 * test does not: each {@link RecoveryChild} opens the database the previous one left when it was
 * SIGKILLed (so the WAL tail a crash left is recovered by a process that is itself killed, at a
 * seeded moment, while it writes, flushes and checkpoints with a 64kB memtable, or while it still
 * recovers), and only the end reopens it here. Every open must find the ids 1..max without a gap
 * or a duplicate ({@code count(*) = count(DISTINCT id) = max(id)}), every acknowledged id, and at
 * most the one 500-row transaction in flight beyond them. Prints its seed; rerun one with
 * {@code -Dkyro.recovery.seed=N}.
 */
class RepeatedCrashTest {
    private static final int BATCH = 500;
    private static final int CRASHES = 4;

    @TempDir
    Path dir;

    @Test
    void crashesWithNoCleanCloseBetweenThemLoseNothingAndInventNothing() throws Exception {
        long seed = Long.getLong("kyro.recovery.seed", System.nanoTime());
        System.out.println("RepeatedCrashTest seed=" + seed + " (rerun: -Dkyro.recovery.seed=" + seed + ")");
        SplittableRandom random = new SplittableRandom(seed);
        Path db = dir.resolve("db");
        String url = "jdbc:kyro:file:" + db + ";memtable_size=64kB";
        long acked = 0;   // every id up to it was acknowledged (or found by an open, which makes it committed)
        for (int crash = 1; crash <= CRASHES; crash++) {
            int commits = random.nextInt(1, 12);
            long delayMillis = random.nextLong(0, 150);
            List<String> args = List.of("--db", db.toString(), "--url", url, "--start-id", "0", "--target-bytes",
                    Long.toString(Long.MAX_VALUE), "--val-length", "200", "--batch", Integer.toString(BATCH),
                    "--max-seconds", "120");
            String at = "seed " + seed + ", crash " + crash;
            // The child's standard error (engine INFO lines) is dropped; its last lines are kept for a failure.
            try (ChildJvm child = ChildJvm.start(ChildJvm.command("256m", List.of(), RecoveryChild.class, args),
                    new PrintStream(OutputStream.nullOutputStream()))) {
                long killAt = Long.MAX_VALUE;
                int seen = 0;
                while (System.nanoTime() < killAt) {
                    String line;
                    try {
                        line = child.nextLine(Duration.ofMillis(killAt == Long.MAX_VALUE ? 60_000
                                : Math.max(1, (killAt - System.nanoTime()) / 1_000_000)));
                    } catch (ChildJvm.Stalled e) {
                        assertThat(killAt).as("%s: the writer stalled", at).isNotEqualTo(Long.MAX_VALUE);
                        break;
                    }
                    assertThat(line).as("%s: the writer exited: %s", at, child.lastErrorLines()).isNotNull();
                    assertThat(line).as(at).doesNotStartWith("@failed");
                    if (line.startsWith("@opened\t")) {
                        acked = checkOpened(line.split("\t"), acked, at);
                    } else if (line.startsWith("@committed\t") && ++seen == commits) {
                        acked = Long.parseLong(line.substring(line.indexOf('\t') + 1));
                        killAt = System.nanoTime() + delayMillis * 1_000_000;
                    } else if (line.startsWith("@committed\t")) {
                        acked = Long.parseLong(line.substring(line.indexOf('\t') + 1));
                    }
                }
                child.kill();
                for (String line; (line = child.nextLine(Duration.ofSeconds(30))) != null; ) {
                    if (line.startsWith("@committed\t")) {
                        acked = Long.parseLong(line.substring(line.indexOf('\t') + 1));
                    } else if (line.startsWith("@opened\t")) {
                        acked = checkOpened(line.split("\t"), acked, at);
                    }
                }
            }
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(*), count(DISTINCT id), coalesce(max(id), 0) FROM kv")) {
            r.next();
            long max = checkOpened(new String[]{"@opened", r.getString(1), r.getString(2), r.getString(3)}, acked,
                    "seed " + seed + ", final reopen");
            KvRows kv = new KvRows(1, 0, 200);
            try (PreparedStatement q = c.prepareStatement(Dataset.SELECT_BY_ID)) {
                for (long id : new long[]{1, max / 2 + 1, max}) {
                    q.setLong(1, id);
                    try (ResultSet row = q.executeQuery()) {
                        assertThat(row.next()).as("id %d", id).isTrue();
                        assertThat(row.getString(1)).as("id %d", id).isEqualTo(kv.val(id));
                    }
                }
            }
        }
    }

    /** Checks what an open found against the ids acknowledged so far; returns the new acknowledged maximum. */
    private static long checkOpened(String[] f, long acked, String at) {
        long count = Long.parseLong(f[1]);
        long distinct = Long.parseLong(f[2]);
        long max = Long.parseLong(f[3]);
        assertThat(distinct).as("%s: count(*) %d, count(DISTINCT id) %d, max(id) %d", at, count, distinct, max)
                .isEqualTo(count);
        assertThat(max).as("%s: ids are 1..max without gaps: count(*) %d, max(id) %d", at, count, max)
                .isEqualTo(count);
        assertThat(max).as("%s: acknowledged up to %d, at most one %d-row transaction in flight", at, acked, BATCH)
                .isIn(acked, acked + BATCH);
        return max;
    }
}
