package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TABLESAMPLE with its percentage and seed as parameters of a prepared statement. */
class TablesampleJdbcTest {
    @Test
    void percentageAndSeedMayBeParameters() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:")) {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE t (id integer PRIMARY KEY)");
                s.executeUpdate("INSERT INTO t SELECT g FROM generate_series(1, 5000) g");
            }
            try (PreparedStatement p = c.prepareStatement(
                    "SELECT count(*) FROM t TABLESAMPLE BERNOULLI (?) REPEATABLE (?)")) {
                p.setDouble(1, 20);
                p.setInt(2, 7);
                long first = count(p);
                assertThat(first).isBetween(700L, 1300L);
                assertThat(count(p)).isEqualTo(first);
                p.setInt(1, 100);
                assertThat(count(p)).isEqualTo(5000);
                p.setInt(1, 0);
                assertThat(count(p)).isZero();
                p.setDouble(1, 100.5);
                assertThatThrownBy(() -> count(p)).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("2202H"));
            }
        }
    }

    private static long count(PreparedStatement p) throws SQLException {
        try (ResultSet rs = p.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
