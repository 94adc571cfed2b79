package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/bench recovery} on a 3 MB database with 256kB memtables, two kills: each reopen finds
 * every acknowledged commit and no partial one, the engine's replay line is captured, and the report
 * has its table and summary. Checks shape and counts, never speed.
 */
class RecoveryTimeSmokeTest {

    @TempDir
    Path dir;

    @Test
    void twoCrashesAndReopens() throws Exception {
        RecoveryOptions options = RecoveryOptions.parse("--target-mb", "3", "--val-length", "200", "--batch", "500",
                "--trials", "2", "--kill-window", "0.5", "--seed", "7", "--set", "memtable_size=256kB",
                "--dir", dir.resolve("db").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        RecoveryTime.Result result = new RecoveryTime(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String report = out.toString(StandardCharsets.UTF_8);

        assertThat(result.failure()).as(log.toString(StandardCharsets.UTF_8)).isNull();
        assertThat(result.trials()).hasSize(2);
        long before = 0;
        for (RecoveryTime.Trial t : result.trials()) {
            assertThat(t.rows()).as("trial %d", t.number()).isIn(t.acked(), t.acked() + 500);
            assertThat(t.rows() % 500).isZero();
            assertThat(t.rows()).isGreaterThan(before);
            before = t.rows();
            assertThat(t.replay()).as("trial %d: %s", t.number(), t.openLine()).isNotNull();
            assertThat(t.openSeconds()).isPositive();
            assertThat(t.killDelay()).isBetween(0.0, 0.5);
        }
        assertThat(result.trials().getFirst().atKill().total()).isGreaterThanOrEqualTo(3_000_000);
        assertThat(result.writer()).containsEntry("memtable_size", "256kB");

        assertThat(report).startsWith("KyroDB recovery time  target=3 MB val-length=200 batch=500 trials=2");
        assertThat(report).contains("no checkpoint timer", "memtable_size in effect",
                "trial   killed after s", "tail MB", "open s", "\n  trial 1: opened ", "  summary: largest WAL tail",
                "result: OK, every acknowledged commit", "machine: load average ",
                "replay: bin/bench recovery --target-mb 3 --val-length 200 --batch 500 --trials 2 --kill-window 0.5");

        try (Connection c = DriverManager.getConnection("jdbc:kyro:file:" + dir.resolve("db"));
             Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM kv")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getLong(1)).isEqualTo(result.trials().getLast().rows());
        }
    }
}
