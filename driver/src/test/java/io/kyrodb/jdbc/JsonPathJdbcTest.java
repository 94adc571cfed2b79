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
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQL/JSON path through JDBC as an application uses it: the path and its vars as string
 * parameters ({@code meta @? ?::jsonpath}, {@code jsonb_path_query(meta, ?, ?::jsonb)}), a jsonpath
 * column read back as its canonical text with Postgres's type name, and a bad path as 42601.
 */
class JsonPathJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE docs (id integer PRIMARY KEY, meta jsonb)");
            s.execute("INSERT INTO docs VALUES (1, '{\"tags\":[\"db\",\"java\"],\"year\":2019}'),"
                    + " (2, '{\"tags\":[\"ml\"],\"year\":2023}')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void pathsAndVarsBindAsStringParameters() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM docs WHERE meta @? ? ORDER BY id")) {
            ps.setString(1, "$.tags[*] ? (@ == \"ml\")");
            assertThat(ids(ps)).containsExactly(2);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM docs WHERE jsonb_path_exists(meta, ?, ?::jsonb) ORDER BY id")) {
            ps.setString(1, "$.year ? (@ < $y)");
            ps.setString(2, "{\"y\": 2020}");
            assertThat(ids(ps)).containsExactly(1);
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, jsonb_path_query(meta, ?) FROM docs ORDER BY id")) {
            ps.setObject(1, "$.tags[*]", Types.OTHER);
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getInt(1) + " " + rs.getString(2));
                }
            }
            assertThat(rows).containsExactly("1 \"db\"", "1 \"java\"", "2 \"ml\"");
        }
    }

    @Test
    void aJsonpathColumnReadsAsItsCanonicalText() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE paths (id integer PRIMARY KEY, p jsonpath)");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO paths VALUES (?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "$.a ? (@ > 1)");
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT p FROM paths")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnTypeName(1)).isEqualTo("jsonpath");
            assertThat(md.getColumnType(1)).isEqualTo(Types.OTHER);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("$.\"a\"?(@ > 1)");
            assertThat(rs.getObject(1)).isEqualTo("$.\"a\"?(@ > 1)");
        }
    }

    @Test
    void aBadPathIsASyntaxErrorAndChangesNothing() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM docs WHERE meta @@ ?")) {
            ps.setString(1, "$.year >");
            assertThatThrownBy(() -> ids(ps)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42601"))
                    .hasMessageContaining("syntax error at end of jsonpath input");
        }
    }

    private static List<Integer> ids(PreparedStatement ps) throws SQLException {
        List<Integer> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getInt(1));
            }
        }
        return out;
    }
}
