package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQL cursors through JDBC, where the driver has its say: with autocommit off DECLARE needs no
 * BEGIN (the driver's transaction is the block), FETCH is a query (executeQuery, and a prepared
 * FETCH describes the cursor's columns without moving it), MOVE's update count is the rows it
 * passed (pgjdbc reads it from the MOVE n tag), and DECLARE takes ? parameters.
 */
class CursorsJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:cursorsjdbc");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE n (id INT PRIMARY KEY, label TEXT)");
            s.executeUpdate("INSERT INTO n SELECT g, 'n' || g FROM generate_series(1, 1000) g");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("CLOSE ALL");
            s.executeUpdate("DROP TABLE n");
        }
        c.close();
    }

    @Test
    void pagesThroughAQueryInTheDriversTransaction() throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement declare = c.prepareStatement("DECLARE page CURSOR FOR SELECT id, label FROM n"
                + " WHERE id > ? ORDER BY id");
             PreparedStatement fetch = c.prepareStatement("FETCH 300 FROM page");
             Statement s = c.createStatement()) {
            declare.setInt(1, 100);
            assertThat(declare.executeUpdate()).isZero();

            ResultSetMetaData columns = fetch.getMetaData();   // the cursor's columns, and it has not moved
            assertThat(columns.getColumnCount()).isEqualTo(2);
            assertThat(columns.getColumnLabel(2)).isEqualTo("label");

            int seen = 0;
            int last = 100;
            for (int page = 0; page < 4; page++) {
                try (ResultSet rs = fetch.executeQuery()) {
                    while (rs.next()) {
                        assertThat(rs.getInt(1)).isEqualTo(last + 1);
                        last = rs.getInt(1);
                        seen++;
                    }
                }
            }
            assertThat(seen).isEqualTo(900);
            assertThat(s.executeUpdate("MOVE FORWARD ALL IN page")).isZero();   // at the end already
            assertThatThrownBy(() -> s.executeUpdate("MOVE BACKWARD ALL IN page")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("55000"));   // NO SCROLL
        }
        c.rollback();
    }

    @Test
    void moveReportsTheRowsItPassedAsItsUpdateCount() throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("DECLARE m SCROLL CURSOR FOR SELECT id FROM n WHERE id <= 10 ORDER BY id");
            assertThat(s.executeUpdate("MOVE FORWARD 4 IN m")).isEqualTo(4);
            assertThat(s.executeUpdate("MOVE FORWARD ALL IN m")).isEqualTo(6);
            assertThat(s.executeUpdate("MOVE BACKWARD 3 IN m")).isEqualTo(3);
            assertThat(s.executeUpdate("MOVE ABSOLUTE 20 IN m")).isZero();
            try (ResultSet rs = s.executeQuery("FETCH PRIOR FROM m")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(10);
                assertThat(rs.next()).isFalse();
            }
        }
        c.commit();
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("FETCH m")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("34000"));
        }
    }

    @Test
    void aHeldCursorOutlivesTheCommitAndWithAutocommitNeedsWithHold() throws SQLException {
        try (Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("DECLARE x CURSOR FOR SELECT 1")).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("25P01"));
            s.execute("DECLARE h CURSOR WITH HOLD FOR SELECT id FROM n ORDER BY id DESC");
            s.executeUpdate("DELETE FROM n WHERE id > 990");   // after the DECLARE's snapshot
            try (ResultSet rs = s.executeQuery("FETCH 2 FROM h")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1000);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(999);
            }
            try (ResultSet rs = s.executeQuery("SELECT is_holdable, is_scrollable FROM pg_cursors WHERE name = 'h'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getBoolean(1)).isTrue();
                assertThat(rs.getBoolean(2)).isFalse();
            }
            s.execute("CLOSE h");
        }
    }
}
