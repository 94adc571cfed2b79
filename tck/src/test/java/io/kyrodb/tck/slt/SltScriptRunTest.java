package io.kyrodb.tck.slt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner end to end against a real database through JDBC. H2 stands in for KyroDB here only
 * so the runner can be tested on its own; its SQLSTATEs are H2's, not PostgreSQL's.
 */
class SltScriptRunTest {

    private static final String H2_MEM = "jdbc:h2:mem:";

    private static List<RecordOutcome> run(String url, String text) throws SltSyntaxException {
        return run(url, text, Duration.ofSeconds(20), Duration.ofSeconds(60));
    }

    private static List<RecordOutcome> run(String url, String text, Duration timeout, Duration budget)
            throws SltSyntaxException {
        SltScript script = SltParser.parse("h2.test", text);
        try (SltScriptRun run = new SltScriptRun(script, url, timeout, budget)) {
            return script.records().stream().map(run::execute).toList();
        }
    }

    private static List<RecordOutcome.Status> statuses(List<RecordOutcome> outcomes) {
        return outcomes.stream().map(RecordOutcome::status).toList();
    }

    @Test
    void passingScript() throws Exception {
        List<RecordOutcome> outcomes = run(H2_MEM, """
                statement ok
                CREATE TABLE t(a INTEGER PRIMARY KEY, b VARCHAR(10), r DOUBLE PRECISION)

                statement ok
                INSERT INTO t VALUES (1, 'one', 1.5), (2, '', NULL), (3, 'three', 0.0625)

                statement error 23505
                INSERT INTO t VALUES (1, 'again', 0)

                statement error
                SELECT nope FROM t

                query ITR rowsort
                SELECT a, b, r FROM t
                ----
                1
                one
                1.500
                2
                (empty)
                NULL
                3
                three
                0.062

                hash-threshold 2

                query I valuesort label-a
                SELECT a FROM t
                ----
                1
                2
                3

                query I nosort label-a
                SELECT a FROM t ORDER BY a
                ----
                3 values hashing to c0710d6b4f15dfa88f600b0e6b624077

                query IT nosort
                SELECT a, b FROM t WHERE a > 1 ORDER BY a DESC
                ----
                3\tthree
                2\t(empty)

                query I
                SELECT a FROM t WHERE a > 10

                query T
                SELECT a > 1 FROM t WHERE a = 3
                ----
                true

                skipif kyrodb
                statement ok
                THIS IS NOT SQL

                onlyif sqlite
                query I
                SELECT 1
                ----
                999

                onlyif postgresql
                query I
                SELECT 2
                ----
                2
                """);
        assertThat(outcomes).allMatch(o -> o.status() != RecordOutcome.Status.FAILED, outcomes.toString());
        assertThat(statuses(outcomes)).endsWith(
                RecordOutcome.Status.SKIPPED, RecordOutcome.Status.SKIPPED, RecordOutcome.Status.PASSED);
    }

    @Test
    void failuresSayWhatDiffers() throws Exception {
        List<RecordOutcome> outcomes = run(H2_MEM, """
                statement ok
                CREATE TABLE t(a INTEGER PRIMARY KEY)

                statement ok
                INSERT INTO t VALUES (1), (2)

                statement ok
                INSERT INTO t VALUES (1)

                statement error 42P01
                SELECT * FROM nope

                statement error
                SELECT 1

                query I rowsort
                SELECT a FROM t
                ----
                1
                3

                query II
                SELECT a FROM t

                query I rowsort same
                SELECT a FROM t
                ----
                1
                2

                query I rowsort same
                SELECT a + 1 FROM t
                ----
                2
                3

                query I
                SELECT a FROM t WHERE a = 1
                ----
                1 values hashing to 00000000000000000000000000000000

                statement ok
                CREATE TABLE u(x INTEGER)
                """);
        assertThat(statuses(outcomes)).containsExactly(
                RecordOutcome.Status.PASSED, RecordOutcome.Status.PASSED, RecordOutcome.Status.FAILED,
                RecordOutcome.Status.FAILED, RecordOutcome.Status.FAILED, RecordOutcome.Status.FAILED,
                RecordOutcome.Status.FAILED, RecordOutcome.Status.PASSED, RecordOutcome.Status.FAILED,
                RecordOutcome.Status.FAILED, RecordOutcome.Status.PASSED);
        assertThat(outcomes.get(2).message()).startsWith("expected success but got SQLSTATE 23505");
        assertThat(outcomes.get(3).message()).startsWith("expected SQLSTATE 42P01 but got SQLSTATE 42S02");
        assertThat(outcomes.get(4).message()).startsWith("expected an error but the statement succeeded");
        assertThat(outcomes.get(5).message())
                .startsWith("value 2 (row 2, column 1) differs: expected '3' but got '2'")
                .contains("--- expected\n1\n3\n--- actual (2 rows)\n1\n2\n");
        assertThat(outcomes.get(6).message()).startsWith("expected 2 columns (II) but the query returned 1");
        assertThat(outcomes.get(8).message()).startsWith("label same: result differs from the query at line 25");
        assertThat(outcomes.get(9).message())
                .startsWith("expected 1 values hashing to 0000")
                .contains("--- actual (1 rows)\n1 values hashing to b026324c6904b2a9cb4b88d6d61c81d1\n1\n");
    }

    @Test
    void haltSkipsTheRest() throws Exception {
        List<RecordOutcome> outcomes = run(H2_MEM, """
                onlyif mssql
                halt

                query I
                SELECT 1
                ----
                1

                halt

                query I
                SELECT 1
                ----
                1
                """);
        assertThat(statuses(outcomes)).containsExactly(RecordOutcome.Status.SKIPPED, RecordOutcome.Status.PASSED,
                RecordOutcome.Status.PASSED, RecordOutcome.Status.SKIPPED);
        assertThat(outcomes.get(3).message()).isEqualTo("after the halt at line 9");
    }

    @Test
    void restartReopensTheSameDatabase(@TempDir Path dir) throws Exception {
        List<RecordOutcome> outcomes = run("jdbc:h2:file:" + dir.resolve("db"), """
                statement ok
                CREATE TABLE t(a INTEGER)

                statement ok
                INSERT INTO t VALUES (7)

                restart

                query I
                SELECT a FROM t
                ----
                7
                """);
        assertThat(statuses(outcomes)).containsOnly(RecordOutcome.Status.PASSED);
    }

    @Test
    void restartOnAPrivateMemoryDatabaseLosesEverything() throws Exception {
        List<RecordOutcome> outcomes = run(H2_MEM, """
                statement ok
                CREATE TABLE t(a INTEGER)

                restart

                statement error
                SELECT a FROM t
                """);
        assertThat(statuses(outcomes)).containsOnly(RecordOutcome.Status.PASSED);
    }

    @Test
    void aRecordThatHangsTimesOutAndTheNextOneStillRuns() throws Exception {
        List<RecordOutcome> outcomes = run(H2_MEM, """
                query I
                SELECT COUNT(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b
                ----
                0

                query I
                SELECT 1
                ----
                1
                """, Duration.ofSeconds(1), Duration.ofSeconds(60));
        assertThat(statuses(outcomes)).containsExactly(RecordOutcome.Status.FAILED, RecordOutcome.Status.PASSED);
        assertThat(outcomes.get(0).message()).startsWith("timed out after 1 s and was cancelled");
    }

    @Test
    void aScriptPastItsBudgetFailsItsRemainingRecordsUnrun() throws Exception {
        List<RecordOutcome> outcomes = run(H2_MEM, """
                query I
                SELECT COUNT(*) FROM SYSTEM_RANGE(1, 1000000) a, SYSTEM_RANGE(1, 1000000) b
                ----
                0

                query I
                SELECT 1
                ----
                1
                """, Duration.ofSeconds(1), Duration.ofMillis(500));
        assertThat(statuses(outcomes)).containsExactly(RecordOutcome.Status.FAILED, RecordOutcome.Status.FAILED);
        assertThat(outcomes.get(1).message())
                .isEqualTo("not run: the script used up its time budget of 0.5 s before line 6");
    }

    @Test
    void unreachableDatabaseFailsEveryRecord() throws Exception {
        List<RecordOutcome> outcomes = run("jdbc:nosuchdriver:x", """
                statement ok
                SELECT 1

                query I
                SELECT 1
                ----
                1
                """);
        assertThat(statuses(outcomes)).containsOnly(RecordOutcome.Status.FAILED);
        assertThat(outcomes.get(0).message()).contains("No suitable driver");
    }
}
