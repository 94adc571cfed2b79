package io.kyrodb.tck.frameworks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kyrodb.jdbc.KyroConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HikariCP, the pool most applications put in front of a driver: a pool of 8 on a file database
 * under concurrent work; a connection given back with uncommitted work comes out clean; the
 * settings a borrower changed are reset; and KyroDB's ordinary errors never make Hikari evict a
 * connection (it evicts on SQLSTATE class 08, 0A000, 57P01-57P03 and a few vendor codes).
 */
class HikariPoolTest {
    @TempDir
    Path dir;

    private HikariDataSource pool;

    private HikariDataSource pool(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:kyro:file:" + dir.resolve("db"));
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        config.setPoolName("kyro-test");
        return new HikariDataSource(config);
    }

    @BeforeEach
    void createTable() throws SQLException {
        pool = pool(8);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE account (id BIGINT PRIMARY KEY, owner TEXT NOT NULL, balance BIGINT NOT NULL)");
        }
    }

    @AfterEach
    void closePool() {
        pool.close();
    }

    /** Hikari opens the pool's connections in the background: wait until all 8 are there. */
    private void awaitFullPool() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (pool.getHikariPoolMXBean().getTotalConnections() < 8 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("the pool filled").isEqualTo(8);
    }

    @Test
    void eightConnectionsDoConcurrentWorkAndEveryCommitIsThere() throws Exception {
        awaitFullPool();
        int threads = 16;
        int perThread = 50;
        ExecutorService workers = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(workers.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    long id = thread * 1000L + i;
                    try (Connection c = pool.getConnection()) {
                        c.setAutoCommit(false);
                        try (PreparedStatement ins = c.prepareStatement("INSERT INTO account VALUES (?, ?, ?)")) {
                            ins.setLong(1, id);
                            ins.setString(2, "owner-" + thread);
                            ins.setLong(3, 100);
                            ins.executeUpdate();
                        }
                        try (PreparedStatement q = c.prepareStatement("SELECT balance FROM account WHERE id = ?")) {
                            q.setLong(1, id);
                            try (ResultSet rs = q.executeQuery()) {
                                assertThat(rs.next()).as("own insert visible in its transaction").isTrue();
                                assertThat(rs.getLong(1)).isEqualTo(100);
                            }
                        }
                        c.commit();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(120, TimeUnit.SECONDS);
        }
        workers.shutdown();
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).as("none evicted").isEqualTo(8);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), sum(balance) FROM account")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo((long) threads * perThread);
            assertThat(rs.getLong(2)).isEqualTo(100L * threads * perThread);
        }
    }

    @Test
    void aConnectionReturnedWithUncommittedWorkIsRolledBackAndReset() throws SQLException {
        pool.close();
        pool = pool(1);   // one connection, so the next borrower gets the same one
        Object physical;
        try (Connection c = pool.getConnection()) {
            physical = c.unwrap(KyroConnection.class);
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO account VALUES (1, 'ghost', 5)");
            }
            // returned without commit or rollback
        }
        try (Connection c = pool.getConnection()) {
            assertThat(c.unwrap(KyroConnection.class)).as("the same physical connection").isSameAs(physical);
            assertThat(c.getAutoCommit()).as("autocommit reset").isTrue();
            assertThat(c.getTransactionIsolation()).as("isolation reset").isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM account")) {
                rs.next();
                assertThat(rs.getLong(1)).as("the uncommitted insert was rolled back").isZero();
            }
            // and the writer lock was released with it: this write does not wait for lock_timeout
            try (Statement s = c.createStatement()) {
                assertThat(s.executeUpdate("INSERT INTO account VALUES (2, 'real', 7)")).isEqualTo(1);
            }
        }
    }

    @Test
    void readOnlyIsEnforcedAndResetWhenTheConnectionComesBack() throws SQLException {
        pool.close();
        pool = pool(1);
        try (Connection c = pool.getConnection()) {
            c.setReadOnly(true);
            assertThat(c.isReadOnly()).isTrue();
            try (Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.executeUpdate("INSERT INTO account VALUES (1, 'x', 1)"))
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25006"))
                        .hasMessageContaining("cannot execute INSERT in a read-only transaction");
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM account")) {
                    assertThat(rs.next()).as("reads still work").isTrue();
                }
            }
        }
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            assertThat(c.isReadOnly()).as("read-only reset by the pool").isFalse();
            assertThat(s.executeUpdate("INSERT INTO account VALUES (1, 'x', 1)")).isEqualTo(1);
        }
    }

    @Test
    void ordinaryErrorsNeverEvictTheConnection() throws SQLException {
        pool.close();
        pool = pool(1);
        Object physical;
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            physical = c.unwrap(KyroConnection.class);
            s.executeUpdate("INSERT INTO account VALUES (1, 'a', 1)");
        }
        String[][] failures = {
                {"SELEC 1", "42601"},
                {"SELECT * FROM missing", "42P01"},
                {"SELECT nope FROM account", "42703"},
                {"INSERT INTO account VALUES (1, 'dup', 1)", "23505"},
                {"INSERT INTO account VALUES (2, NULL, 1)", "23502"},
                {"SELECT 1 / 0", "22012"},
                {"SELECT CAST(99999999999 AS INTEGER)", "22003"},
                {"SET no_such_setting = 1", "42704"},
        };
        for (String[] f : failures) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute(f[0])).as(f[0])
                        .isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as(f[0]).isEqualTo(f[1]));
            }
            try (Connection c = pool.getConnection()) {
                assertThat(c.unwrap(KyroConnection.class)).as("still the same connection after " + f[1]).isSameAs(physical);
                assertThat(c.isValid(1)).isTrue();
            }
        }
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(1);
    }
}
