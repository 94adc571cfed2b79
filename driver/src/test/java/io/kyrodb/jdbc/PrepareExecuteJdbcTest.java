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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * SQL's PREPARE/EXECUTE and $n parameters through JDBC: a PreparedStatement may number its
 * parameters $1..$n (pgjdbc's own placeholders, as tools paste them) and bind them with the
 * setters, EXECUTE of a PREPAREd statement returns a ResultSet, prepared statements belong to the
 * connection, and a SQL function made by one connection serves another.
 */
class PrepareExecuteJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:prepexec");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE kv (k INT PRIMARY KEY, v TEXT)");
            s.executeUpdate("INSERT INTO kv VALUES (1, 'one'), (2, 'two'), (3, 'three')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DROP TABLE kv");
            s.execute("DROP FUNCTION IF EXISTS shout(text)");
        }
        c.close();
    }

    @Test
    void dollarParametersBindWithTheSetters() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = $2 OR k = $1 ORDER BY k")) {
            assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(2);
            ps.setInt(1, 3);
            ps.setInt(2, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("one");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("three");
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @Test
    void executeOfAPreparedStatementReturnsRowsAndItBelongsToTheConnection() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("PREPARE by_key(int) AS SELECT v FROM kv WHERE k = $1");
            assertThat(s.execute("EXECUTE by_key(2)")).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("two");
            }
            s.execute("PREPARE put(int, text) AS INSERT INTO kv VALUES ($1, $2)");
            assertThat(s.executeUpdate("EXECUTE put(4, 'four')")).isEqualTo(1);
        }
        try (Connection other = DriverManager.getConnection("jdbc:kyro:mem:prepexec");
             Statement s = other.createStatement()) {
            assertThatThrownBy(() -> s.execute("EXECUTE by_key(2)")).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("26000"));
            try (ResultSet rs = s.executeQuery("SELECT v FROM kv WHERE k = 4")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("four");
            }
        }
    }

    @Test
    void aFunctionOneConnectionCreatesServesAnother() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE FUNCTION shout(t text) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT upper(t) || '!' $$");
        }
        try (Connection other = DriverManager.getConnection("jdbc:kyro:mem:prepexec");
             PreparedStatement ps = other.prepareStatement("SELECT shout(v) FROM kv WHERE k = ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ONE!");
            }
        }
    }
}
