package io.kyrodb.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Enum and domain columns as a JDBC application (Hibernate's @Enumerated(STRING), Spring's
 * JdbcTemplate) uses them: labels bound as String parameters (setString, setObject), read back
 * with getString/getObject as the label, compared and sorted in declaration order, a bad label a
 * 22P02 SQLException, and DatabaseMetaData.getColumns naming the type as pgjdbc does
 * (TYPE_NAME the enum's name, DATA_TYPE VARCHAR; a domain column its base type's JDBC type).
 */
class EnumDomainJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TYPE status AS ENUM ('draft', 'review', 'published')");
            s.execute("CREATE DOMAIN email AS text CHECK (VALUE LIKE '%@%')");
            s.execute("CREATE TABLE post (id integer PRIMARY KEY, state status NOT NULL, author email)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void labelsBindAsStringsAndReadBackAsLabels() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO post VALUES (?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "published");
            ps.setString(3, "ann@example.com");
            ps.executeUpdate();
            ps.setInt(1, 2);
            ps.setObject(2, "draft");
            ps.setObject(3, "bo@example.com", Types.VARCHAR);
            ps.executeUpdate();
            ps.setInt(1, 3);
            ps.setObject(2, "review", Types.OTHER);
            ps.setString(3, "cy@example.com");
            ps.executeUpdate();
        }
        List<String> states = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id, state FROM post ORDER BY state")) {
            while (rs.next()) {
                states.add(rs.getString("state"));
                assertThat(rs.getObject(2)).isEqualTo(rs.getString(2));
            }
        }
        assertThat(states).containsExactly("draft", "review", "published");

        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM post WHERE state >= ? ORDER BY id")) {
            ps.setString(1, "review");
            List<Integer> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            assertThat(ids).containsExactly(1, 3);
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE post SET state = ? WHERE id = ?")) {
            ps.setString(1, "published");
            ps.setInt(2, 2);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    @Test
    void badLabelsAndDomainViolationsAreSqlExceptionsThatChangeNothing() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO post VALUES (?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setString(2, "archived");
            ps.setString(3, "ann@example.com");
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22P02"))
                    .hasMessageContaining("invalid input value for enum status: \"archived\"");
            ps.setString(2, "draft");
            ps.setString(3, "nobody");
            assertThatThrownBy(ps::executeUpdate).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23514"))
                    .hasMessageContaining("value for domain email violates check constraint \"email_check\"");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM post")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void metadataNamesTheTypes() throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        try (ResultSet rs = md.getColumns(null, "public", "post", "state")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("status");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.VARCHAR);
        }
        try (ResultSet rs = md.getColumns(null, "public", "post", "author")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("email");
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.VARCHAR);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT state, author FROM post")) {
            assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("status");
            assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.VARCHAR);
            assertThat(rs.getMetaData().getColumnClassName(1)).isEqualTo(String.class.getName());
        }
    }
}
