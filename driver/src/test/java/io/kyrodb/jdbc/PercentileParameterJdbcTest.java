package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code percentile_cont(?) WITHIN GROUP (ORDER BY x)}: the fraction as a JDBC parameter, one prepared statement run with several. */
class PercentileParameterJdbcTest {
    @Test
    void theFractionIsAParameter() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE lat (ms integer)");
                s.execute("INSERT INTO lat SELECT g FROM generate_series(1, 100) g");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT percentile_disc(?) WITHIN GROUP (ORDER BY ms) FROM lat")) {
                assertThat(first(ps, 0.5)).isEqualTo(50);
                assertThat(first(ps, 0.95)).isEqualTo(95);
                assertThat(first(ps, 0.99)).isEqualTo(99);
            }
        }
    }

    private static int first(PreparedStatement ps, double fraction) throws SQLException {
        ps.setDouble(1, fraction);
        try (ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getInt(1);
        }
    }
}
