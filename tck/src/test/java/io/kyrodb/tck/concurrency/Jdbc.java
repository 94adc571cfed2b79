package io.kyrodb.tck.concurrency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small JDBC helpers for the concurrency tests. */
final class Jdbc {
    /** The writer lock was not free within lock_timeout. */
    static final String LOCK_NOT_AVAILABLE = "55P03";
    /** First committer wins: a REPEATABLE READ writer whose snapshot is older than the latest commit. */
    static final String SERIALIZATION_FAILURE = "40001";

    private Jdbc() {
    }

    /** Every row of {@code sql}, each as a list of longs. */
    static List<List<Long>> rows(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<List<Long>> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Long> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getLong(i));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    /** The single row of {@code sql}. */
    static List<Long> row(Connection c, String sql, Object... params) throws SQLException {
        List<List<Long>> rows = rows(c, sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + rows);
        }
        return rows.get(0);
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** A JDBC call. */
    interface Call {
        void run() throws SQLException;
    }

    /** Runs {@code call}, which must fail with a SQLException; returns the exception. */
    static SQLException failure(Call call) {
        try {
            call.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected a SQLException, but the call succeeded");
    }

    /**
     * Waits before retry number {@code attempt} (1, 2, ...) of a failed transaction: a random time
     * (from the test's seeded {@code rnd}) up to 0.1 ms doubled per attempt, at most ~6 ms. Without it
     * a REPEATABLE READ retry loop spins: every commit still in its fsync fails it again (40001).
     */
    static void backoff(java.util.Random rnd, int attempt) {
        long cap = 100_000L << Math.min(attempt, 6);
        java.util.concurrent.locks.LockSupport.parkNanos(1 + rnd.nextLong(cap));
    }

    /** Whether {@code e} is a failure the contract says to retry: 40001 or 55P03. */
    static boolean retryable(SQLException e) {
        return SERIALIZATION_FAILURE.equals(e.getSQLState()) || LOCK_NOT_AVAILABLE.equals(e.getSQLState());
    }
}
