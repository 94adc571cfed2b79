package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * getGeneratedKeys as pgjdbc gives it: RETURN_GENERATED_KEYS returns the whole row (RETURNING *),
 * column names or indexes return those columns; for Statement and PreparedStatement, execute,
 * executeUpdate and executeBatch. A statement that is no INSERT/UPDATE/DELETE has no keys.
 */
class GeneratedKeysTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id BIGSERIAL PRIMARY KEY, name TEXT, n INTEGER DEFAULT 7)");
            s.executeUpdate("CREATE TABLE g (id INTEGER GENERATED ALWAYS AS IDENTITY, v TEXT)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                row.add(rs.getString(i));
            }
            out.add(String.join("|", row));
        }
        return out;
    }

    @Test
    void theDriverSaysItSupportsGeneratedKeys() throws SQLException {
        assertThat(c.getMetaData().supportsGetGeneratedKeys()).isTrue();
    }

    @Test
    void statementWithReturnGeneratedKeysGivesTheInsertedRows() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t (name) VALUES ('a'), ('b')", Statement.RETURN_GENERATED_KEYS))
                    .isEqualTo(2);
            ResultSet keys = s.getGeneratedKeys();
            assertThat(keys.getMetaData().getColumnName(1)).isEqualTo("id");
            assertThat(rows(keys)).containsExactly("1|a|7", "2|b|7");
            assertThat(s.execute("INSERT INTO t (name) VALUES ('c');", Statement.RETURN_GENERATED_KEYS)).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(1);
            assertThat(rows(s.getGeneratedKeys())).containsExactly("3|c|7");
        }
    }

    @Test
    void columnNamesAndIndexesPickTheKeys() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t (name) VALUES ('a')", new String[]{"ID"});
            assertThat(rows(s.getGeneratedKeys())).containsExactly("1");
            s.executeUpdate("INSERT INTO t (name) VALUES ('b')", new int[]{3, 1});
            assertThat(rows(s.getGeneratedKeys())).containsExactly("7|2");
        }
    }

    @Test
    void preparedStatementReturnsTheKeyOfEachExecution() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO g (v) VALUES (?)", new String[]{"id"})) {
            ps.setString(1, "x");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ResultSet keys = ps.getGeneratedKeys();
            assertThat(keys.next()).isTrue();
            assertThat(keys.getInt("id")).isEqualTo(1);
            ps.setString(1, "y");
            assertThat(ps.execute()).isFalse();
            assertThat(ps.getUpdateCount()).isEqualTo(1);
            assertThat(rows(ps.getGeneratedKeys())).containsExactly("2");
        }
    }

    @Test
    void batchesCollectTheKeysOfEveryRow() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO t (name) VALUES (?)", Statement.RETURN_GENERATED_KEYS)) {
            for (String name : List.of("a", "b", "c")) {
                ps.setString(1, name);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1);
            assertThat(rows(ps.getGeneratedKeys())).containsExactly("1|a|7", "2|b|7", "3|c|7");
        }
    }

    @Test
    void updatesAndDeletesReturnTheirRowsAndOtherStatementsNone() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO t (name) VALUES ('a'), ('b')");
            assertThat(s.executeUpdate("UPDATE t SET n = 8 WHERE name = 'b'", new String[]{"id", "n"})).isEqualTo(1);
            assertThat(rows(s.getGeneratedKeys())).containsExactly("2|8");
            assertThat(s.executeUpdate("DELETE FROM t WHERE id = 1", Statement.RETURN_GENERATED_KEYS)).isEqualTo(1);
            assertThat(rows(s.getGeneratedKeys())).containsExactly("1|a|7");
            // already has RETURNING: runs as written, so its rows are the result, not keys
            assertThat(s.execute("INSERT INTO t (name) VALUES ('c') RETURNING name", Statement.RETURN_GENERATED_KEYS)).isTrue();
            assertThat(rows(s.getResultSet())).containsExactly("c");
            assertThat(s.executeUpdate("CREATE TABLE u (x INTEGER)", Statement.RETURN_GENERATED_KEYS)).isZero();
            assertThat(s.getGeneratedKeys().next()).isFalse();
            assertThat(s.executeUpdate("INSERT INTO t (name) VALUES ('d')", Statement.NO_GENERATED_KEYS)).isEqualTo(1);
            assertThat(s.getGeneratedKeys().next()).isFalse();
        }
    }

    @Test
    void aFailingStatementHasNoKeysAndChangesNothing() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO g (id, v) VALUES (5, 'z')", Statement.RETURN_GENERATED_KEYS))
                    .isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("428C9");
            assertThat(s.getGeneratedKeys().next()).isFalse();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM g");
            rs.next();
            assertThat(rs.getLong(1)).isZero();
        }
    }
}
