package io.kyrodb.tck.concurrency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import static io.kyrodb.tck.concurrency.Jdbc.row;
import static io.kyrodb.tck.concurrency.Jdbc.update;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Write skew, step by step on two connections (no threads, no timing): two doctors are on call;
 * each transaction checks that two are, then takes its own doctor off call. Under REPEATABLE READ
 * and SERIALIZABLE the second writer's snapshot predates the first's commit, so its write fails
 * with 40001 and at least one doctor stays on call.
 */
class WriteSkewTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"REPEATABLE READ", "SERIALIZABLE"})
    void secondWriterFailsWith40001(String level, @TempDir Path dir) throws SQLException {
        int isolation = level.equals("SERIALIZABLE") ? Connection.TRANSACTION_SERIALIZABLE
                : Connection.TRANSACTION_REPEATABLE_READ;
        String url = "jdbc:kyro:file:" + dir.resolve("doctors");
        try (Connection setup = DriverManager.getConnection(url);
             Connection alice = DriverManager.getConnection(url);
             Connection bob = DriverManager.getConnection(url)) {
            Jdbc.execute(setup, "CREATE TABLE doctors (name TEXT PRIMARY KEY, on_call BOOLEAN NOT NULL)");
            Jdbc.execute(setup, "INSERT INTO doctors VALUES ('alice', TRUE), ('bob', TRUE)");
            for (Connection c : new Connection[]{alice, bob}) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(isolation);
            }
            String onCall = "SELECT count(*) FROM doctors WHERE on_call";
            assertThat(row(alice, onCall)).containsExactly(2L);
            assertThat(row(bob, onCall)).containsExactly(2L);

            assertThat(update(alice, "UPDATE doctors SET on_call = FALSE WHERE name = 'alice'")).isEqualTo(1);
            alice.commit();

            SQLException e = Jdbc.failure(() -> update(bob, "UPDATE doctors SET on_call = FALSE WHERE name = 'bob'"));
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(Jdbc.SERIALIZATION_FAILURE);
            assertThat(Jdbc.failure(() -> row(bob, onCall)).getSQLState())
                    .as("bob's transaction is aborted until he rolls back").isEqualTo("25P02");
            bob.rollback();

            assertThat(row(setup, onCall)).as("one doctor stays on call").containsExactly(1L);
            assertThat(row(bob, onCall)).as("a new transaction sees alice's commit").containsExactly(1L);
            bob.commit();
        }
    }

    /**
     * The writer lock is held to the end of the transaction: a second writer waits, and fails with
     * 55P03 after lock_timeout while the first is still open (deterministic: the first never ends
     * before the second gives up). Its transaction then only rolls back; after the first commits,
     * the second writes.
     */
    @Test
    void secondWriterTimesOutWhileTheFirstHoldsTheLock(@TempDir Path dir) throws SQLException {
        String url = "jdbc:kyro:file:" + dir.resolve("lock");
        try (Connection setup = DriverManager.getConnection(url);
             Connection first = DriverManager.getConnection(url);
             Connection second = DriverManager.getConnection(url)) {
            Jdbc.execute(setup, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)");
            Jdbc.execute(setup, "INSERT INTO t VALUES (1, 0)");
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            Jdbc.execute(second, "SET lock_timeout = 100");
            assertThat(update(first, "UPDATE t SET v = 1 WHERE id = 1")).isEqualTo(1);

            SQLException e = Jdbc.failure(() -> update(second, "UPDATE t SET v = 2 WHERE id = 1"));
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(Jdbc.LOCK_NOT_AVAILABLE);
            SQLException aborted = Jdbc.failure(() -> row(second, "SELECT v FROM t"));
            assertThat(aborted.getSQLState()).as("the failed transaction refuses statements until ROLLBACK")
                    .isEqualTo("25P02");
            second.rollback();

            first.commit();
            assertThat(update(second, "UPDATE t SET v = v + 10 WHERE id = 1")).isEqualTo(1);
            second.commit();
            assertThat(row(setup, "SELECT v FROM t")).containsExactly(11L);
        }
    }
}
