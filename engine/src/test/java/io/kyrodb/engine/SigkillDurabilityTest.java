package io.kyrodb.engine;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A child JVM writes to a file database and reports each statement as it returns; the parent kills
 * it with SIGKILL after a seeded number of acknowledgements, reopens the database and checks that
 * every acknowledged row is there and that what it finds is a prefix of the child's statements.
 * (A SIGKILL keeps the OS page cache, so this checks write ordering and recovery, not fsync; the
 * storage issue's fault-injecting file system checks fsync.)
 */
class SigkillDurabilityTest {

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1, 2, 3})
    void acknowledgedRowsSurviveSigkill(long seed, @TempDir Path dir) throws Exception {
        int killAfter = 20 + new Random(seed).nextInt(300);
        System.out.println("SigkillDurabilityTest seed=" + seed + " killAfter=" + killAfter
                + " (rerun: -Dtest=SigkillDurabilityTest)");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                KillChild.class.getName(), dir.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        long lastAck = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; lastAck < killAfter && (line = out.readLine()) != null; ) {
                lastAck = Long.parseLong(line.substring(3));
            }
            child.destroyForcibly(); // SIGKILL on Unix
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(lastAck).as("child acknowledged writes before it was killed").isEqualTo(killAfter);

        try (Session s = Session.connect(new DatabaseLocation.Directory(dir), Map.of())) {
            ExecResult.Rows rows = (ExecResult.Rows) s.execute("SELECT count(*), min(id), max(id) FROM acked");
            Object[] r = rows.next();
            long count = (Long) r[0];
            long max = (Long) r[2];
            // The child keeps writing between its last "ok" and the kill, so more than lastAck may be
            // there; what must hold is that nothing acknowledged is missing and the history has no holes.
            assertThat(max).as("every acknowledged insert is durable").isGreaterThanOrEqualTo(lastAck);
            assertThat(count).as("no gaps: a prefix of the child's statements").isEqualTo(max);
            ExecResult.Rows updated = (ExecResult.Rows) s.execute(
                    "SELECT count(*) FROM acked WHERE payload = 'updated'");
            long updates = (Long) updated.next()[0];
            assertThat(updates).as("acknowledged updates are durable").isGreaterThanOrEqualTo(lastAck / 7);
            assertThat(updates).as("no update beyond the last insert").isLessThanOrEqualTo(max / 7);
        }
    }
}
