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

/**
 * INSERT/UPDATE/DELETE ... RETURNING through JDBC, as pgjdbc does it: executeQuery and execute give
 * the returned rows; executeUpdate runs the statement and reports how many rows it changed.
 */
class ReturningTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id integer PRIMARY KEY, name text)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        while (rs.next()) {
            out.add(rs.getInt(1) + "|" + rs.getString(2));
        }
        return out;
    }

    private int count() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void executeQueryAndExecuteReturnTheRows() throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("INSERT INTO t VALUES (1, 'a'), (2, 'b') RETURNING id, name")) {
                assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("name");
                assertThat(rows(rs)).containsExactly("1|a", "2|b");
            }
            assertThat(s.execute("UPDATE t SET name = name || '!' WHERE id = 2 RETURNING *")).isTrue();
            assertThat(rows(s.getResultSet())).containsExactly("2|b!");
            assertThat(s.getUpdateCount()).isEqualTo(-1);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM t WHERE id = ? RETURNING id, name")) {
            ps.setInt(1, 1);
            assertThat(rows(ps.executeQuery())).containsExactly("1|a");
        }
        assertThat(count()).isEqualTo(1);
    }

    @Test
    void executeUpdateRunsItAndCountsTheChangedRows() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c') RETURNING id")).isEqualTo(3);
            assertThat(s.executeUpdate("INSERT INTO t VALUES (3, 'x'), (4, 'd') ON CONFLICT DO NOTHING RETURNING id"))
                    .isEqualTo(1);
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM t WHERE id > ? RETURNING id")) {
            ps.setInt(1, 2);
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }
        assertThat(count()).isEqualTo(2);
    }
}
