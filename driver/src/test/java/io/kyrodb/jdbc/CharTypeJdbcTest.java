package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;

import static org.assertj.core.api.Assertions.assertThat;

/** character(n) through JDBC as pgjdbc shows it: values padded to n, type CHAR named bpchar. */
class CharTypeJdbcTest {

    @Test
    void valuesArePaddedAndDescribedAsBpchar() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE cur (code char(3) PRIMARY KEY, name text)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO cur VALUES (?, ?)")) {
                p.setString(1, "eu");
                p.setString(2, "euro-ish");
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("SELECT code, name FROM cur WHERE code = ?")) {
                p.setString(1, "eu ");
                try (ResultSet rs = p.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("eu ");
                    assertThat(rs.getObject("code")).isEqualTo("eu ");
                    assertThat(rs.getMetaData().getColumnType(1)).isEqualTo(Types.CHAR);
                    assertThat(rs.getMetaData().getColumnTypeName(1)).isEqualTo("bpchar");
                    assertThat(rs.getMetaData().getPrecision(1)).isEqualTo(3);
                }
            }
            try (ResultSet rs = c.getMetaData().getColumns(null, null, "cur", "code")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.CHAR);
                assertThat(rs.getString("TYPE_NAME")).isEqualTo("bpchar");
                assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(3);
            }
        }
    }
}
