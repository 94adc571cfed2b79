package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pg_stat_activity and pg_locks as another connection sees them: a row per open session with
 * its state and last query, an open transaction's virtualxid lock, the writer's transactionid
 * lock (the id txid_current() gives), and nothing left of a session once it closes.
 */
class SessionActivityJdbcTest {
    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static List<String> row(Connection c, String sql, int pid) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        b.append(i > 1 ? "|" : "").append(rs.getString(i));
                    }
                    out.add(b.toString());
                }
                return out;
            }
        }
    }

    @Test
    void anotherSessionsStateQueryAndLocks() throws SQLException {
        String url = "jdbc:kyro:mem:session_activity_test";
        try (Connection watcher = DriverManager.getConnection(url);
             Connection worker = DriverManager.getConnection(url + ";application_name=worker")) {
            int pid = pid(worker);
            String activity = "SELECT state, query, application_name, xact_start IS NOT NULL FROM pg_stat_activity WHERE pid = ?";
            String locks = "SELECT locktype, mode, granted FROM pg_locks WHERE pid = ? ORDER BY locktype";
            assertThat(row(watcher, activity, pid)).containsExactly("idle|SELECT pg_backend_pid()|worker|false");
            assertThat(row(watcher, locks, pid)).isEmpty();

            worker.setAutoCommit(false);
            try (Statement s = worker.createStatement()) {
                s.executeQuery("SELECT 42").close();
            }
            assertThat(row(watcher, activity, pid)).containsExactly("idle in transaction|SELECT 42|worker|true");
            assertThat(row(watcher, locks, pid)).containsExactly("virtualxid|ExclusiveLock|true");

            long xid;
            try (Statement s = worker.createStatement()) {
                s.executeUpdate("CREATE TABLE t (a integer)");
                try (ResultSet rs = s.executeQuery("SELECT txid_current()")) {
                    rs.next();
                    xid = rs.getLong(1);
                }
            }
            assertThat(row(watcher, locks, pid)).containsExactly("transactionid|ExclusiveLock|true",
                    "virtualxid|ExclusiveLock|true");
            assertThat(row(watcher, "SELECT transactionid FROM pg_locks WHERE pid = ? AND locktype = 'transactionid'", pid))
                    .containsExactly(Long.toString(xid));
            assertThat(row(watcher, "SELECT backend_xid FROM pg_stat_activity WHERE pid = ?", pid))
                    .containsExactly(Long.toString(xid));

            worker.commit();
            assertThat(row(watcher, activity, pid).get(0)).startsWith("idle|");
            assertThat(row(watcher, locks, pid)).isEmpty();

            worker.close();
            assertThat(row(watcher, activity, pid)).isEmpty();
        }
    }
}
