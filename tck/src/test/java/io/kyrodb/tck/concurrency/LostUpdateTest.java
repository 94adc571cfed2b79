package io.kyrodb.tck.concurrency;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.kyrodb.tck.concurrency.Jdbc.row;
import static io.kyrodb.tck.concurrency.Jdbc.update;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * K threads each add 1 to a counter N times; none of the K*N increments may be lost. Counter 1 is
 * incremented with {@code UPDATE c SET v = v + 1} under READ COMMITTED (autocommit, or in a
 * transaction after a read of its own): the writing statement reads the latest commit. Counter 2
 * is read and written back (SELECT v, then UPDATE SET v = read + 1) under REPEATABLE READ, where a
 * concurrent commit must make the write fail with 40001 (retried) rather than overwrite it.
 */
class LostUpdateTest {
    private static final int THREADS = 4;
    private static final int INCREMENTS = 50;

    @Test
    void noIncrementIsLost(@TempDir Path dir) throws Exception {
        long seed = Seeds.seed(LostUpdateTest.class);
        String url = "jdbc:kyro:file:" + dir.resolve("counters");
        try (Connection setup = DriverManager.getConnection(url)) {
            Jdbc.execute(setup, "CREATE TABLE c (id INTEGER PRIMARY KEY, v BIGINT NOT NULL)");
            Jdbc.execute(setup, "INSERT INTO c VALUES (1, 0), (2, 0)");
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<Integer>> retries = new ArrayList<>();
            try {
                for (int t = 0; t < THREADS; t++) {
                    Random rnd = new Random(seed * 41 + t);
                    retries.add(pool.submit(() -> increment(url, rnd)));
                }
                int total = 0;
                for (Future<Integer> f : retries) {
                    try {
                        total += f.get(120, TimeUnit.SECONDS);
                    } catch (ExecutionException e) {
                        if (e.getCause() instanceof Error err) {
                            throw err;
                        }
                        throw (Exception) e.getCause();
                    }
                }
                System.out.println("LostUpdateTest: " + THREADS + " threads x " + INCREMENTS + " increments, "
                        + total + " REPEATABLE READ retries");
            } finally {
                pool.shutdownNow();
                assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(row(setup, "SELECT v FROM c WHERE id = 1")).as("v = v + 1 under READ COMMITTED")
                    .containsExactly((long) THREADS * INCREMENTS);
            assertThat(row(setup, "SELECT v FROM c WHERE id = 2")).as("read-modify-write under REPEATABLE READ")
                    .containsExactly((long) THREADS * INCREMENTS);
        }
    }

    /** Returns how many REPEATABLE READ attempts had to be retried. */
    private static int increment(String url, Random rnd) throws SQLException {
        int retries = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            for (int i = 0; i < INCREMENTS; i++) {
                // Counter 1: READ COMMITTED, v = v + 1.
                if (rnd.nextBoolean()) {
                    c.setAutoCommit(true);
                    assertThat(update(c, "UPDATE c SET v = v + 1 WHERE id = 1")).isEqualTo(1);
                } else {
                    c.setAutoCommit(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    row(c, "SELECT v FROM c WHERE id = 1");   // an older snapshot must not leak into the write
                    assertThat(update(c, "UPDATE c SET v = v + 1 WHERE id = 1")).isEqualTo(1);
                    c.commit();
                }
                // Counter 2: REPEATABLE READ read-modify-write, retried on 40001 / 55P03.
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                for (int attempt = 1; ; attempt++) {
                    try {
                        long v = row(c, "SELECT v FROM c WHERE id = 2").get(0);
                        assertThat(update(c, "UPDATE c SET v = ? WHERE id = 2", v + 1)).isEqualTo(1);
                        c.commit();
                        break;
                    } catch (SQLException e) {
                        c.rollback();
                        if (!Jdbc.retryable(e)) {
                            throw e;
                        }
                        retries++;
                        assertThat(attempt).as("one increment is not starved by retries").isLessThan(1000);
                        Jdbc.backoff(rnd, attempt);
                    }
                }
            }
        }
        return retries;
    }
}
