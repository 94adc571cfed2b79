package io.kyrodb.jdbc;

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

/**
 * Catalog views through a PreparedStatement that runs again and again, as tools run their
 * introspection queries: each run answers from the catalog and settings as they are then.
 */
class CatalogViewsJdbcTest {
    private static List<String> strings(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void aPreparedCatalogQuerySeesNewTablesAndChangedSettings() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:");
             Statement s = c.createStatement();
             PreparedStatement tables = c.prepareStatement(
                     "SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name");
             PreparedStatement workMem = c.prepareStatement(
                     "SELECT setting FROM pg_settings WHERE name = 'work_mem'");
             PreparedStatement current = c.prepareStatement("SELECT current_setting('work_mem')")) {
            tables.setString(1, "public");
            assertThat(strings(tables)).isEmpty();
            s.executeUpdate("CREATE TABLE b (id INTEGER)");
            s.executeUpdate("CREATE TABLE a (id INTEGER)");
            assertThat(strings(tables)).containsExactly("a", "b");

            assertThat(strings(workMem)).containsExactly("64MB");
            s.execute("SET work_mem = '1MB'");
            assertThat(strings(workMem)).containsExactly("1MB");
            assertThat(strings(current)).containsExactly("1MB");
        }
    }

    @Test
    void theConnectionsUserIsCurrentUserAndOwnsTheTables() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:", "ann", "secret");
             Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE t (id INTEGER)");
            try (ResultSet rs = s.executeQuery("SELECT current_user, tableowner, current_database() FROM pg_tables "
                    + "WHERE tablename = 't'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ann");
                assertThat(rs.getString(2)).isEqualTo("ann");
                assertThat(rs.getString(3)).isEqualTo("memory");
            }
            try (ResultSet rs = s.executeQuery("SELECT setting FROM pg_settings WHERE name = 'password'")) {
                assertThat(rs.next()).as("the password is not a row of pg_settings").isFalse();
            }
        }
    }
}
