package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Query timeouts and Statement.cancel stop a runaway statement with 57014 and leave the connection usable. */
class CancelTest {
    /** A cross product of 4 x 400 rows: 25.6 billion rows, far longer than any test waits. */
    private static final String RUNAWAY = "SELECT count(*) FROM big a, big b, big c, big d WHERE a.x + b.x + c.x + d.x < 0";

    private static Connection withBigTable() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE big (x INT)");
            StringBuilder values = new StringBuilder("INSERT INTO big VALUES (0)");
            for (int i = 1; i < 400; i++) {
                values.append(", (").append(i).append(')');
            }
            s.execute(values.toString());
        }
        return c;
    }

    @Test
    void queryTimeoutStopsTheStatement() throws Exception {
        try (Connection c = withBigTable(); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertThat(s.getQueryTimeout()).isEqualTo(1);
            assertThatThrownBy(() -> s.executeQuery(RUNAWAY)).isInstanceOfSatisfying(SQLTimeoutException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM big")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(400);
            }
        }
    }

    @Test
    void cancelFromAnotherThreadStopsTheStatement() throws Exception {
        try (Connection c = withBigTable(); Statement s = c.createStatement()) {
            AtomicBoolean done = new AtomicBoolean();
            Thread canceller = new Thread(() -> {
                while (!done.get()) {
                    try {
                        s.cancel();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    LockSupport.parkNanos(20_000_000);
                }
            });
            canceller.start();
            try {
                assertThatThrownBy(() -> s.executeQuery(RUNAWAY)).isInstanceOfSatisfying(SQLTimeoutException.class,
                        e -> assertThat(e.getMessage()).contains("canceling statement"));
            } finally {
                done.set(true);
                canceller.join();
            }
            assertThat(c.isValid(1)).isTrue();
        }
    }

    /** A recursive WITH query that never ends (as in PostgreSQL) is stopped by the query timeout. */
    @Test
    void queryTimeoutStopsAnEndlessRecursiveQuery() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            s.setQueryTimeout(1);
            assertThatThrownBy(() -> s.executeQuery("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                    + " SELECT count(*) FROM n")).isInstanceOfSatisfying(SQLTimeoutException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("57014"));
            try (ResultSet rs = s.executeQuery("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                    + " WHERE i < 10) SELECT count(*) FROM n")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(10);
            }
        }
    }
}
