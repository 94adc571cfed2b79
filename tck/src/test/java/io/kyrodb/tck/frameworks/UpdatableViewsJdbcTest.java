package io.kyrodb.tck.frameworks;

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
 * Writing through an updatable view as a JDBC application does: prepared UPDATE and DELETE with
 * parameters (run again with other values: the cached plan must take them), update counts that
 * count only the rows the view shows, RETURNING read as a result set with the view's column names,
 * generated keys of an INSERT through the view, a batch, and a CHECK OPTION failure that is a
 * SQLException with SQLSTATE 44000 and changes nothing.
 */
class UpdatableViewsJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE doc (id serial PRIMARY KEY, title text NOT NULL, lang text, score int DEFAULT 0)");
            s.execute("INSERT INTO doc (title, lang, score) VALUES ('a', 'en', 1), ('b', 'en', 2), ('c', 'de', 3),"
                    + " ('d', 'en', 4)");
            s.execute("CREATE VIEW english AS SELECT id, title AS name, score, score * 10 AS tenfold FROM doc"
                    + " WHERE lang = 'en' WITH CHECK OPTION");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void preparedUpdateAndDeleteTakeTheirParametersEachRun() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE english SET score = score + ? WHERE name = ?")) {
            ps.setInt(1, 100);
            ps.setString(2, "a");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 5);
            ps.setString(2, "c");   // not shown by the view: nothing to update
            assertThat(ps.executeUpdate()).isZero();
            ps.setInt(1, 7);
            ps.setString(2, "b");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        assertThat(scores()).containsExactly("a=101", "b=9", "c=3", "d=4");
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM english WHERE tenfold > ?")) {
            ps.setInt(1, 1000);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 0);
            assertThat(ps.executeUpdate()).isEqualTo(2);
        }
        assertThat(scores()).containsExactly("c=3");
    }

    @Test
    void returningGivesTheViewsColumns() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE english SET score = ? WHERE id = ? RETURNING *")) {
            ps.setInt(1, 8);
            ps.setInt(2, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.getMetaData().getColumnCount()).isEqualTo(4);
                assertThat(rs.getMetaData().getColumnLabel(2)).isEqualTo("name");
                assertThat(rs.getMetaData().getColumnLabel(4)).isEqualTo("tenfold");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("id")).isEqualTo(2);
                assertThat(rs.getString("name")).isEqualTo("b");
                assertThat(rs.getInt("tenfold")).isEqualTo(80);
                assertThat(rs.next()).isFalse();
            }
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM english WHERE id = ? RETURNING name, tenfold")) {
            ps.setInt(1, 4);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("d");
                assertThat(rs.getInt(2)).isEqualTo(40);
            }
        }
    }

    @Test
    void insertThroughTheViewReturnsGeneratedKeysAndBatches() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO english (name, score) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "e");
            ps.setInt(2, 5);
            // the row is not visible through the view (lang is NULL): CHECK OPTION refuses it
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("44000"));
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE doc ALTER COLUMN lang SET DEFAULT 'en'");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO english (name, score) VALUES (?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, "e");
            ps.setInt(2, 5);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            try (ResultSet keys = ps.getGeneratedKeys()) {
                assertThat(keys.next()).isTrue();
                assertThat(keys.getInt("id")).isEqualTo(6);   // serial 5 was drawn by the refused row
            }
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE english SET score = ? WHERE id = ?")) {
            for (int id = 1; id <= 4; id++) {
                ps.setInt(1, id * 11);
                ps.setInt(2, id);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).containsExactly(1, 1, 0, 1);
        }
        assertThat(scores()).containsExactly("a=11", "b=22", "c=3", "d=44", "e=5");
    }

    @Test
    void aCheckOptionFailureChangesNothing() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE VIEW positive AS SELECT id, score FROM doc WHERE score > 0 WITH LOCAL CHECK OPTION");
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE positive SET score = score - ?")) {
            ps.setInt(1, 2);   // a's score would become -1: the whole statement fails
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("44000");
                assertThat(e.getMessage()).contains("new row violates check option for view \"positive\"");
            });
            assertThat(scores()).containsExactly("a=1", "b=2", "c=3", "d=4");
            ps.setInt(1, 1);
            assertThatThrownBy(ps::executeUpdate).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("44000"));
            ps.setInt(1, 0);
            assertThat(ps.executeUpdate()).isEqualTo(4);
        }
        assertThat(scores()).containsExactly("a=1", "b=2", "c=3", "d=4");
    }

    private List<String> scores() throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT title, score FROM doc ORDER BY id")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "=" + rs.getInt(2));
            }
        }
        return out;
    }
}
