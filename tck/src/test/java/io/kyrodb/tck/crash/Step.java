package io.kyrodb.tck.crash;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Map;

/**
 * One step of a workload transaction, as the child runs it over JDBC. Each step checks what the
 * oracle predicts it returns (update counts, counts, the SQLSTATE of a statement meant to fail), so
 * a divergence shows at the statement that caused it, not only after the crash.
 */
sealed interface Step {

    void run(Connection c, Map<String, Savepoint> savepoints) throws SQLException;

    /** INSERT, UPDATE, DELETE or DDL; {@code expected} rows affected (0 for DDL). */
    record Write(SqlText sql, boolean prepared, long expected) implements Step {
        @Override
        public void run(Connection c, Map<String, Savepoint> savepoints) throws SQLException {
            long n = sql.run(c, prepared);
            if (n != expected) {
                throw new Divergence("expected " + expected + " rows affected, got " + n + ": " + this);
            }
        }

        @Override
        public String toString() {
            return (prepared ? "[prepared] " : "") + sql;
        }
    }

    /** A statement that must fail with {@code sqlState} (and change nothing). */
    record Fails(SqlText sql, boolean prepared, String sqlState) implements Step {
        @Override
        public void run(Connection c, Map<String, Savepoint> savepoints) throws SQLException {
            try {
                sql.run(c, prepared);
            } catch (SQLException e) {
                if (!sqlState.equals(e.getSQLState())) {
                    throw new Divergence("expected SQLSTATE " + sqlState + ", got " + e.getSQLState() + " ("
                            + e.getMessage() + "): " + this);
                }
                return;
            }
            throw new Divergence("expected SQLSTATE " + sqlState + " but the statement succeeded: " + this);
        }

        @Override
        public String toString() {
            return (prepared ? "[prepared] " : "") + sql + " -- fails " + sqlState;
        }
    }

    /** {@code SELECT count(*)} inside the transaction: it sees its own writes. */
    record Count(String table, long expected) implements Step {
        @Override
        public void run(Connection c, Map<String, Savepoint> savepoints) throws SQLException {
            try (java.sql.Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                long n = rs.getLong(1);
                if (n != expected) {
                    throw new Divergence("expected count(*) = " + expected + ", got " + n + ": " + this);
                }
            }
        }

        @Override
        public String toString() {
            return "SELECT count(*) FROM " + table + " -- " + expected;
        }
    }

    record SetSavepoint(String name) implements Step {
        @Override
        public void run(Connection c, Map<String, Savepoint> savepoints) throws SQLException {
            savepoints.put(name, c.setSavepoint(name));
        }

        @Override
        public String toString() {
            return "SAVEPOINT " + name;
        }
    }

    record RollbackTo(String name) implements Step {
        @Override
        public void run(Connection c, Map<String, Savepoint> savepoints) throws SQLException {
            c.rollback(savepoints.get(name));
        }

        @Override
        public String toString() {
            return "ROLLBACK TO SAVEPOINT " + name;
        }
    }

    record Release(String name) implements Step {
        @Override
        public void run(Connection c, Map<String, Savepoint> savepoints) throws SQLException {
            c.releaseSavepoint(savepoints.remove(name));
        }

        @Override
        public String toString() {
            return "RELEASE SAVEPOINT " + name;
        }
    }

    /** What the database did differs from what the oracle predicted. */
    final class Divergence extends RuntimeException {
        Divergence(String message) {
            super(message);
        }
    }
}
