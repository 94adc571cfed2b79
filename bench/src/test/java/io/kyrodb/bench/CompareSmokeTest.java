package io.kyrodb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the whole harness on a small table: every engine loads, looks up and verifies its rows. */
class CompareSmokeTest {

    @TempDir
    Path dir;

    @Test
    void smallRunOfEveryEngine() {
        CompareOptions options = CompareOptions.parse("--engines", "kyro,h2,sqlite", "--rows", "2000",
                "--batch", "500", "--warmup", "200", "--lookups", "1000", "--seed", "42",
                "--dir", dir.toString(), "--csv", "-");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<EngineRun> runs = new Compare(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(log, true, StandardCharsets.UTF_8)).run();
        String report = out.toString(StandardCharsets.UTF_8);
        assertThat(runs).extracting(EngineRun::failure).as(log.toString(StandardCharsets.UTF_8)).containsOnlyNulls();
        assertThat(report).startsWith("KyroDB comparison  rows=2000 batch=500 seed=42 jvm=");
        assertThat(report).contains("engine   insert rows/s", "\nKyroDB  ", "\nH2  ", "\nSQLite  ", "WRITE_DELAY=0",
                "journal_mode=wal, synchronous=FULL", "replay: bin/bench --engines kyro,h2,sqlite --rows 2000");
        assertThat(report).contains("engine,version,insert_rows_per_s,load_s,lookup_p50_us");
        for (EngineRun run : runs) {
            assertThat(run.measurements()).extracting(Measurement::key).containsExactly("insert_rows_per_s",
                    "load_s", "lookup_p50_us", "lookup_p99_us", "lookup_p999_us", "lookup_mean_us", "db_mb");
        }
        // KyroDB runs its batches in autocommit until it has setAutoCommit(false); either is fine here.
        assertThat(runs.get(0).tags()).containsAnyOf("autocommit batches", "tx per batch").hasSize(1);
        assertThat(runs.get(1).tags()).containsExactly("tx per batch");
        assertThat(runs.get(2).tags()).containsExactly("tx per batch");
    }
}
