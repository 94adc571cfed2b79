package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Multi-dimensional arrays through JDBC, as pgjdbc: getArray gives nested arrays, createArrayOf takes them. */
class MultiDimArrayJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE g (id integer PRIMARY KEY, cells integer[], names text[])");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void getArrayNestsByDimension() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO g VALUES (1, '{{1,2,3},{4,NULL,6}}', '{{a,b}}')");
            try (ResultSet rs = s.executeQuery("SELECT cells, names FROM g")) {
                assertThat(rs.next()).isTrue();
                Object cells = rs.getArray(1).getArray();
                assertThat(cells).isInstanceOf(Integer[][].class);
                assertThat((Integer[][]) cells).isDeepEqualTo(new Integer[][]{{1, 2, 3}, {4, null, 6}});
                assertThat((String[][]) rs.getArray(2).getArray()).isDeepEqualTo(new String[][]{{"a", "b"}});
                assertThat(rs.getString(1)).isEqualTo("{{1,2,3},{4,NULL,6}}");
            }
        }
    }

    @Test
    void createArrayOfTakesNestedArrays() throws SQLException {
        Array grid = c.createArrayOf("int4", new Integer[][]{{1, 2}, {3, 4}});
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO g VALUES (2, ?, NULL)")) {
            ps.setArray(1, grid);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT cells[2][1], array_dims(cells) FROM g WHERE id = 2")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(3);
            assertThat(rs.getString(2)).isEqualTo("[1:2][1:2]");
        }
        assertThatThrownBy(() -> c.createArrayOf("int4", new Object[]{new Integer[]{1, 2}, new Integer[]{3}}))
                .isInstanceOf(SQLException.class).hasMessageContaining("matching dimensions");
    }

    @Test
    void setObjectBindsNestedJavaArrays() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO g VALUES (?, ?, ?)")) {
            ps.setInt(1, 3);
            ps.setObject(2, new Integer[][]{{1, 2, 3}, {4, null, 6}});
            ps.setObject(3, new String[][]{{"a", "b"}, {"c", "d"}});
            ps.executeUpdate();
            ps.setInt(1, 4);
            ps.setObject(2, new int[][]{{7, 8}, {9, 10}});
            ps.setObject(3, new String[][][]{{{"x"}, {"y"}}}, java.sql.Types.ARRAY);
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT cells, names, array_dims(names) FROM g WHERE id IN (3, 4) ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("{{1,2,3},{4,NULL,6}}");
            assertThat((Integer[][]) rs.getArray(1).getArray()).isDeepEqualTo(new Integer[][]{{1, 2, 3}, {4, null, 6}});
            assertThat((String[][]) rs.getObject(2, Array.class).getArray())
                    .isDeepEqualTo(new String[][]{{"a", "b"}, {"c", "d"}});
            assertThat(rs.next()).isTrue();
            assertThat((Integer[][]) rs.getArray(1).getArray()).isDeepEqualTo(new Integer[][]{{7, 8}, {9, 10}});
            assertThat(rs.getString(2)).isEqualTo("{{{x},{y}}}");
            assertThat(rs.getString(3)).isEqualTo("[1:1][1:2][1:1]");
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM g WHERE cells = ?")) {
            ps.setObject(1, new long[][]{{7, 8}, {9, 10}});
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(4);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void aRaggedNestedArrayIsRefused() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO g VALUES (5, ?, NULL)")) {
            assertThatThrownBy(() -> ps.setObject(1, new Integer[][]{{1, 2}, {3}}))
                    .isInstanceOf(SQLException.class).hasMessageContaining("matching dimensions")
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("2202E");
        }
    }
}
