package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/bench big} on 5,000 rows with 256kB memtables (so the load flushes several runs): the
 * child JVM runs every step, the report has every step, size and summary line, and the database it
 * leaves has the rows the steps say. Checks shape and counts, never speed.
 */
class BigTableSmokeTest {

    @TempDir
    Path dir;

    @Test
    void everyStepOnASmallTable() throws Exception {
        BigTableOptions options = BigTableOptions.parse("--rows", "5000", "--batch", "1000", "--lookups", "300",
                "--range", "700", "--settle", "1", "--settle-limit", "20", "--seed", "42",
                "--set", "memtable_size=256kB", "--dir", dir.resolve("db").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        BigTable.Result result = new BigTable(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String report = out.toString(StandardCharsets.UTF_8);

        assertThat(result.failure()).as(log.toString(StandardCharsets.UTF_8)).isNull();
        assertThat(result.report().steps).extracting(ChildReport.Step::name).containsExactly("open", "load",
                "settle after load", "count",
                "lookup", "range", "scan", "update", "delete", "checkpoint", "close", "reopen", "verify", "compaction",
                "final close");
        assertThat(result.report().step("load").rows()).isEqualTo(5000);
        assertThat(result.report().step("scan").rows()).isEqualTo(5000);
        assertThat(result.report().step("range").rows()).isEqualTo(700);
        assertThat(result.report().step("update").rows()).isEqualTo(50);
        assertThat(result.report().step("delete").rows()).isEqualTo(500);
        assertThat(result.report().step("verify").rows()).isEqualTo(4500);
        assertThat(result.report().step("reopen").note()).contains("replayed 0 WAL records");
        assertThat(result.report().sizes).extracting(ChildReport.Size::label).containsExactly("after load",
                "after update", "after delete", "after checkpoint", "after close", "after compaction");
        assertThat(result.report().sizes.getFirst().usage().runs()).isPositive();
        assertThat(result.report().info).containsEntry("memtable_size", "256kB").containsEntry("sync", "on")
                .containsEntry("memtable_effective", Long.toString(256 << 10));
        assertThat(Long.parseLong(result.report().info.get("heap_max"))).isEqualTo(512L << 20);
        assertThat(Long.parseLong(result.report().info.get("heap_peak_used"))).isPositive();
        assertThat(result.report().steps).allSatisfy(s -> assertThat(s.liveAtEnd()).as(s.name()).isPositive());
        assertThat(result.finalUsage().total()).isPositive();
        assertThat(result.gc()).isNotNull();

        assertThat(report).startsWith("KyroDB big table  rows=5000 val-length=60 batch=1000 seed=42 heap=-Xmx512m");
        assertThat(report).contains("memtable_size=256kB (in effect 256 KiB", "step ", "used MiB",
                "after GC MiB", "after full GC MiB", "live at end MiB", "\nload ", "\nfinal close ", "\nnotes:\n",
                "  scan: ", "disk (apparent size",
                "  final, closed ", "  delete: runs/ held ", "heap (MXBeans): of -Xmx 512 MiB: peak used ", "heap (GC log): ",
                "engine warnings: ", "result: OK, every answer checked", "machine: load average ",
                "replay: bin/bench big --rows 5000 --batch 1000 --val-length 60 --lookups 300 --range 700 --seed 42");

        try (Connection c = DriverManager.getConnection("jdbc:kyro:file:" + dir.resolve("db"))) {
            assertThat(count(c, "SELECT count(*) FROM kv")).isEqualTo(4500);
            assertThat(count(c, "SELECT count(*) FROM kv WHERE n < 0")).isEqualTo(50);
            assertThat(count(c, "SELECT count(*) FROM kv WHERE id % 10 = 0")).isZero();
        }
    }

    @Test
    void aFailureNamesTheStepAndTheError() throws Exception {
        BigTableOptions options = BigTableOptions.parse("--rows", "100", "--seed", "1", "--set", "memtable_size=1kB",
                "--dir", dir.resolve("bad").toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        BigTable.Result result = new BigTable(options, new PrintStream(out, true, StandardCharsets.UTF_8), discard).run();
        assertThat(result.failed()).isTrue();
        assertThat(result.failure()).startsWith("in open: ").contains("memtable_size", "below the minimum");
        assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("\nopen +FAILED\n")
                .contains("result: FAILED in open: ");
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            assertThat(r.next()).isTrue();
            return r.getLong(1);
        }
    }
}
