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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Records through JDBC as pgjdbc shows them: a {@code ROW(...)} or whole-row column is
 * {@code Types.OTHER} named {@code record}, read by {@code getString} and {@code getObject} as
 * PostgreSQL's text form; named arguments bind parameters like positional ones.
 */
class RecordJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id integer PRIMARY KEY, name text)");
            s.execute("INSERT INTO t VALUES (1, 'a b'), (2, NULL)");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    @Test
    void recordsReadAsTheirTextWithTypeNameRecord() throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT t, ROW(id, name) AS r FROM t ORDER BY id")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnType(1)).isEqualTo(Types.OTHER);
            assertThat(md.getColumnTypeName(1)).isEqualTo("record");
            assertThat(md.getColumnClassName(2)).isEqualTo(String.class.getName());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("(1,\"a b\")");
            assertThat(rs.getObject("r")).isEqualTo("(1,\"a b\")");
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("t")).isEqualTo("(2,)");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void namedArgumentsTakeParameters() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT make_interval(days => ?, hours => ?)::text")) {
            ps.setInt(1, 2);
            ps.setInt(2, 3);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("2 days 03:00:00");
            }
        }
    }

    @Test
    void lineItemsFromAJsonbParameter() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT l.sku, l.qty FROM jsonb_to_recordset(?::jsonb) AS l(sku text, qty int) ORDER BY l.sku")) {
            ps.setString(1, "[{\"sku\":\"b\",\"qty\":1},{\"sku\":\"a\",\"qty\":2}]");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("a");
                assertThat(rs.getInt(2)).isEqualTo(2);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("b");
                assertThat(rs.next()).isFalse();
            }
        }
    }
}
