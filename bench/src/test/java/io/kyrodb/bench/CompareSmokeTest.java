package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole harness on a small table and short timed workloads: every engine loads, looks up
 * and verifies its rows, the disk is probed, and single-row commits run from 1 and 8 connections.
 * Checks the shape of the report and that the commits it reports are really in the databases, never
 * how fast anything was.
 */
class CompareSmokeTest {

    private static final Pattern COMMITS = Pattern.compile("^(commit[18]): ([\\d,]+) commits in ");

    @TempDir
    Path dir;

    @Test
    void smallRunOfEveryEngineAndWorkload() throws SQLException, IOException {
        CompareOptions options = CompareOptions.parse("--engines", "kyro,h2,sqlite", "--rows", "2000",
                "--batch", "500", "--warmup", "200", "--lookups", "1000", "--seed", "42", "--duration", "0.2",
                "--dir", dir.toString(), "--csv", "-");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<EngineRun> runs = new Compare(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(runs).extracting(EngineRun::failure).as(log.toString(StandardCharsets.UTF_8)).containsOnlyNulls();
        assertThat(report).startsWith("KyroDB comparison  rows=2000 batch=500 seed=42 jvm=");
        assertThat(report).contains("workloads=load,lookup,fsync,commit1,commit8 duration=0.2s");
        assertThat(report).contains("engine   insert rows/s", "fsync/s", "append fsync/s", "commit1/s", "c1/fsync",
                "commit8/s", "c8/c1", "\nKyroDB  ", "\nH2  ", "\nSQLite  ", "WRITE_DELAY=0", "sync=on",
                "journal_mode=wal, synchronous=FULL", "busy_timeout=10000", "\n  ratios: ",
                "replay: bin/bench --engines kyro,h2,sqlite --workloads load,lookup,fsync,commit1,commit8");
        assertThat(report).contains("engine,version,insert_rows_per_s,load_s,lookup_cpu_us,lookup_p50_us");
        for (EngineRun run : runs) {
            assertThat(run.measurements()).extracting(Measurement::key).containsExactly("insert_rows_per_s",
                    "load_s", "lookup_cpu_us", "lookup_p50_us", "lookup_p99_us", "lookup_p999_us", "lookup_mean_us",
                    "fsync_per_s", "append_fsync_per_s", "commit1_per_s", "commit1_vs_fsync",
                    "commit8_per_s", "commit8_vs_commit1", "db_mb");
            assertThat(run.measurements()).allSatisfy(m -> assertThat(m.value()).as(m.key()).isPositive());
            // every batch of the load is a transaction, KyroDB's included
            assertThat(run.tags()).filteredOn(t -> !t.startsWith("commit")).containsExactly("tx per batch");
        }
        // the fsync probe cleans up after itself: only the engines' directories are left
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("kyro", "h2", "sqlite");
        }
        for (int i = 0; i < runs.size(); i++) {
            EngineUnderTest engine = options.engines().get(i);
            long commit1 = reportedCommits(runs.get(i), "commit1");
            long commit8 = reportedCommits(runs.get(i), "commit8");
            assertThat(commit1).as(engine.key()).isPositive();
            assertThat(commit8).as(engine.key()).isPositive();
            // reopened after close: the rows are there, exactly as many as the report says
            try (Connection connection = engine.open(dir.resolve(engine.key()))) {
                assertThat(count(connection, "autocommit1")).as(engine.key()).isEqualTo(commit1);
                assertThat(count(connection, "autocommit8")).as(engine.key()).isEqualTo(commit8);
                assertThat(count(connection, "kv")).as(engine.key()).isEqualTo(2000);
            }
        }
    }

    @Test
    void onlyTheChosenWorkloads() {
        CompareOptions options = CompareOptions.parse("--engines", "sqlite", "--rows", "100",
                "--workloads", "commit1,fsync", "--duration", "0.05", "--seed", "1", "--dir", dir.toString());
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        List<EngineRun> runs = new Compare(options, discard, discard).run();
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.failure()).isNull();
            assertThat(run.measurements()).extracting(Measurement::key).containsExactly("fsync_per_s",
                    "append_fsync_per_s", "commit1_per_s", "commit1_vs_fsync", "db_mb");
        });
    }

    /** The commits the note of {@code workload} reports, e.g. {@code commit8: 1,234 commits in 0.20 s ...}. */
    private static long reportedCommits(EngineRun run, String workload) {
        for (String note : run.notes()) {
            Matcher m = COMMITS.matcher(note);
            if (m.find() && m.group(1).equals(workload)) {
                return Long.parseLong(m.group(2).replace(",", ""));
            }
        }
        throw new AssertionError("no " + workload + " note in " + run.notes());
    }

    private static long count(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            assertThat(rows.next()).isTrue();
            return rows.getLong(1);
        }
    }
}
