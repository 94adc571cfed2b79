package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Opening, sharing, reopening and closing databases through DriverManager. */
class ConnectionTest {

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    @Test
    void aPrivateMemoryDatabaseIsNotShared() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:kyro:mem:");
             Connection b = DriverManager.getConnection("jdbc:kyro:mem:")) {
            a.createStatement().executeUpdate("CREATE TABLE t (id bigint PRIMARY KEY)");
            a.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            assertThat(count(a, "t")).isEqualTo(1);
            assertThatThrownBy(() -> count(b, "t"))
                    .isInstanceOf(SQLSyntaxErrorException.class)
                    .satisfies(e -> assertThat(state(e)).isEqualTo("42P01"));
        }
    }

    @Test
    void aNamedMemoryDatabaseIsSharedAndGoneAfterTheLastConnectionCloses() throws SQLException {
        String url = "jdbc:kyro:mem:connection_test_shared";
        Connection a = DriverManager.getConnection(url);
        try (Connection b = DriverManager.getConnection(url)) {
            a.createStatement().executeUpdate("CREATE TABLE shared (id bigint PRIMARY KEY, name text)");
            a.createStatement().executeUpdate("INSERT INTO shared VALUES (1, 'one'), (2, 'two')");
            assertThat(count(b, "shared")).isEqualTo(2);
            a.close();
            assertThat(count(b, "shared")).as("still open through b").isEqualTo(2);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThatThrownBy(() -> count(c, "shared")).satisfies(e -> assertThat(state(e)).isEqualTo("42P01"));
        }
    }

    @Test
    void aFileDatabaseKeepsItsDataAcrossCloseAndReopen(@TempDir Path dir) throws SQLException {
        Path db = dir.resolve("orders-db");
        try (Connection c = DriverManager.getConnection("jdbc:kyro:file:" + db)) {
            c.createStatement().executeUpdate("CREATE TABLE orders (id bigint PRIMARY KEY, total double precision)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO orders VALUES (?, ?)")) {
                for (int i = 1; i <= 3; i++) {
                    ps.setLong(1, i);
                    ps.setDouble(2, i * 1.5);
                    ps.addBatch();
                }
                assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            }
            assertThat(c.getMetaData().usesLocalFiles()).isTrue();
        }
        assertThat(Files.isDirectory(db)).isTrue();
        try (Connection c = DriverManager.getConnection("jdbc:kyro:" + db);
             ResultSet rs = c.createStatement().executeQuery("SELECT id, total FROM orders ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getLong(1)).isEqualTo(1);
            assertThat(rs.getDouble(2)).isEqualTo(1.5);
            assertThat(rs.next()).isTrue();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getDouble("total")).isEqualTo(4.5);
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void connectionsToOneDirectorySeeEachOthersChanges(@TempDir Path dir) throws SQLException {
        String url = "jdbc:kyro:file:" + dir.resolve("shared-db") + ";sync=off";
        try (Connection a = DriverManager.getConnection(url); Connection b = DriverManager.getConnection(url)) {
            a.createStatement().executeUpdate("CREATE TABLE t (id bigint PRIMARY KEY)");
            a.createStatement().executeUpdate("INSERT INTO t VALUES (1)");
            assertThat(count(b, "t")).isEqualTo(1);
            assertThat(b.getMetaData().getTables(null, null, "t", null).next()).isTrue();
        }
    }

    @Test
    void anUnknownSettingIsAnErrorNamingTheKey() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:kyro:mem:;no_such_knob=1"))
                .isInstanceOf(SQLSyntaxErrorException.class)
                .hasMessageContaining("no_such_knob")
                .satisfies(e -> assertThat(state(e)).isEqualTo("42704"));
        Properties p = new Properties();
        p.setProperty("cache_sise", "64MB");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:kyro:mem:", p))
                .hasMessageContaining("cache_sise")
                .satisfies(e -> assertThat(state(e)).isEqualTo("42704"));
    }

    @Test
    void aBadSettingValueIsAnError() {
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:kyro:mem:;sync=maybe"))
                .hasMessageContaining("sync")
                .hasMessageContaining("maybe");
    }

    @Test
    void aSecondConnectionAskingForADifferentEngineSettingIsRejected() throws SQLException {
        String url = "jdbc:kyro:mem:connection_test_engine_settings";
        try (Connection first = DriverManager.getConnection(url + ";sync=off")) {
            assertThatThrownBy(() -> DriverManager.getConnection(url + ";sync=on"))
                    .isInstanceOf(SQLNonTransientConnectionException.class)
                    .hasMessageContaining("\"sync\"")
                    .satisfies(e -> assertThat(state(e)).isEqualTo("08004"));
            try (Connection same = DriverManager.getConnection(url + ";SYNC=false")) {
                assertThat(same.isValid(0)).isTrue();
            }
            assertThat(first.isValid(0)).isTrue();
        }
    }

    @Test
    void userAndPasswordAreAccepted() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:", "sa", "secret")) {
            assertThat(c.isValid(1)).isTrue();
            assertThat(c.getMetaData().getUserName()).isEqualTo("sa");
        }
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:;user=app;password=pw;sync=off;application_name=tests")) {
            assertThat(c.getMetaData().getUserName()).isEqualTo("app");
        }
    }

    @Test
    void closingTheConnectionClosesItsStatementsAndResultSets() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:kyro:mem:");
        c.createStatement().executeUpdate("CREATE TABLE t (id bigint PRIMARY KEY)");
        c.createStatement().executeUpdate("INSERT INTO t VALUES (1), (2)");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id");
        PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE id = ?");
        assertThat(rs.next()).isTrue();

        c.close();

        assertThat(c.isClosed()).isTrue();
        assertThat(s.isClosed()).isTrue();
        assertThat(ps.isClosed()).isTrue();
        assertThat(rs.isClosed()).isTrue();
        assertThat(c.isValid(0)).isFalse();
        assertThatThrownBy(c::createStatement)
                .isInstanceOf(SQLNonTransientConnectionException.class)
                .satisfies(e -> assertThat(state(e)).isEqualTo("08003"));
        assertThatThrownBy(() -> s.executeQuery("SELECT 1")).satisfies(e -> assertThat(state(e)).isEqualTo("08003"));
        assertThatThrownBy(() -> ps.setLong(1, 1)).satisfies(e -> assertThat(state(e)).isEqualTo("08003"));
        assertThatThrownBy(rs::next).isInstanceOf(SQLException.class);
        c.close();
    }

    @Test
    void closingAStatementClosesItsResultSetAndRunningAgainClosesThePreviousOne() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:")) {
            Statement s = c.createStatement();
            ResultSet first = s.executeQuery("SELECT 1");
            ResultSet second = s.executeQuery("SELECT 2");
            assertThat(first.isClosed()).isTrue();
            assertThat(second.isClosed()).isFalse();
            s.close();
            assertThat(second.isClosed()).isTrue();
            assertThatThrownBy(() -> s.executeQuery("SELECT 1")).satisfies(e -> assertThat(state(e)).isEqualTo("55000"));

            Statement once = c.createStatement();
            once.closeOnCompletion();
            ResultSet rs = once.executeQuery("SELECT 1");
            rs.close();
            assertThat(once.isClosed()).isTrue();
        }
    }

    @Test
    void manualTransactionsCommitRollBackAndUseSavepoints() throws SQLException {
        try (Connection a = DriverManager.getConnection("jdbc:kyro:mem:txjdbc");
             Connection b = DriverManager.getConnection("jdbc:kyro:mem:txjdbc")) {
            assertThat(a.getAutoCommit()).isTrue();
            assertThatThrownBy(a::commit).hasMessageContaining("autocommit is on").satisfies(e -> assertThat(state(e)).isEqualTo("25000"));
            assertThat(a.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
            assertThat(a.getMetaData().supportsTransactions()).isTrue();
            a.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");

            a.setAutoCommit(false);
            a.createStatement().execute("INSERT INTO t VALUES (1)");
            assertThat(count(b)).as("uncommitted work is invisible to others").isZero();
            a.commit();
            assertThat(count(b)).isEqualTo(1);

            a.createStatement().execute("INSERT INTO t VALUES (2)");
            java.sql.Savepoint sp = a.setSavepoint();
            a.createStatement().execute("INSERT INTO t VALUES (3)");
            a.rollback(sp);
            java.sql.Savepoint named = a.setSavepoint("before \"4\"");
            a.createStatement().execute("INSERT INTO t VALUES (4)");
            a.releaseSavepoint(named);
            a.commit();
            assertThat(count(b)).isEqualTo(3);

            a.createStatement().execute("INSERT INTO t VALUES (5)");
            a.rollback();
            a.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(a.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
            assertThat(count(a)).isEqualTo(3);
            b.createStatement().execute("INSERT INTO t VALUES (6)");
            assertThat(count(a)).as("a repeatable read snapshot").isEqualTo(3);
            assertThatThrownBy(() -> a.createStatement().execute("INSERT INTO t VALUES (7)"))
                    .isInstanceOf(java.sql.SQLTransactionRollbackException.class)
                    .satisfies(e -> assertThat(state(e)).isEqualTo("40001"));
            a.rollback();
            a.setAutoCommit(true);
            assertThat(count(a)).isEqualTo(4);
        }
    }

    private static long count(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void closingAConnectionRollsBackItsTransaction() throws SQLException {
        try (Connection keep = DriverManager.getConnection("jdbc:kyro:mem:txclose")) {
            keep.createStatement().execute("CREATE TABLE t (id INT PRIMARY KEY)");
            try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:txclose")) {
                c.setAutoCommit(false);
                c.createStatement().execute("INSERT INTO t VALUES (1)");
            }
            assertThat(count(keep)).isZero();
            keep.createStatement().execute("INSERT INTO t VALUES (2)");  // the writer lock was released
            assertThat(count(keep)).isEqualTo(1);
        }
    }

    @Test
    void theConnectionUnwrapsToItsKyroClass() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:")) {
            assertThat(c.isWrapperFor(KyroConnection.class)).isTrue();
            assertThat(c.unwrap(KyroConnection.class)).isSameAs(c);
            assertThatThrownBy(() -> c.unwrap(String.class)).isInstanceOf(SQLException.class);
            assertThat(c.getSchema()).isEqualTo("public");
            assertThat(c.getCatalog()).isNull();
            assertThat(c.isValid(-1)).isTrue();
        }
    }

    @Test
    void aReadOnlyConnectionRefusesWritesWith25006AndKeepsReading() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:")) {
            Statement s = c.createStatement();
            s.executeUpdate("CREATE TABLE t (id bigint PRIMARY KEY)");
            s.executeUpdate("INSERT INTO t VALUES (1)");
            assertThat(c.isReadOnly()).isFalse();
            c.setReadOnly(true);
            assertThat(c.isReadOnly()).isTrue();
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t VALUES (2)"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("25006"))
                    .hasMessageContaining("cannot execute INSERT in a read-only transaction");
            assertThatThrownBy(() -> s.executeUpdate("DROP TABLE t"))
                    .satisfies(e -> assertThat(state(e)).isEqualTo("25006"))
                    .hasMessageContaining("cannot execute DROP TABLE");
            assertThat(count(c, "t")).isEqualTo(1);
            try (ResultSet rs = s.executeQuery("SHOW default_transaction_read_only")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("on");
            }
            s.execute("SET default_transaction_read_only = off");
            assertThat(c.isReadOnly()).isFalse();
            assertThat(s.executeUpdate("INSERT INTO t VALUES (2)")).isEqualTo(1);

            // Not in the middle of a transaction (as pgjdbc).
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO t VALUES (3)");
            assertThatThrownBy(() -> c.setReadOnly(true)).satisfies(e -> assertThat(state(e)).isEqualTo("25001"));
            c.commit();
            c.setReadOnly(true);
            assertThat(c.isReadOnly()).isTrue();
            assertThat(count(c, "t")).isEqualTo(3);
        }
    }
}
