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
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-tenant row filtering as applications do it: the tenant is a custom setting the
 * connection sets ({@code SET app.tenant}, {@code set_config}), and one prepared statement
 * filters by {@code current_setting('app.tenant')}, giving each execution the rows of the tenant
 * set at that moment, with and without an index on the tenant column.
 */
class CustomSettingsJdbcTest {
    private Connection c;

    @BeforeEach
    void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE docs (id integer PRIMARY KEY, tenant text, title text)");
            s.executeUpdate("INSERT INTO docs VALUES (1, 'acme', 'a1'), (2, 'acme', 'a2'), (3, 'globex', 'g1')");
        }
    }

    @AfterEach
    void close() throws SQLException {
        c.close();
    }

    private static List<String> titles(PreparedStatement ps) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void tenantFollowsTheSetting() throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT title FROM docs WHERE tenant = current_setting('app.tenant') ORDER BY id");
             Statement s = c.createStatement()) {
            s.execute("SET app.tenant = 'acme'");
            assertThat(titles(ps)).containsExactly("a1", "a2");
            s.execute("SET app.tenant = 'globex'");
            assertThat(titles(ps)).containsExactly("g1");
            s.execute("SELECT set_config('app.tenant', 'nobody', false)");
            assertThat(titles(ps)).isEmpty();
            s.execute("RESET app.tenant");
            assertThat(titles(ps)).isEmpty();
        }
    }

    @Test
    void aPreparedQueryFiltersByTheTenantSetWhenItRuns() throws SQLException {
        tenantFollowsTheSetting();
    }

    @Test
    void anIndexOnTheTenantColumnDoesNotFreezeTheValue() throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE INDEX docs_tenant ON docs (tenant)");
        }
        tenantFollowsTheSetting();
    }

    @Test
    void setLocalLastsUntilTheJdbcTransactionEnds() throws SQLException {
        try (Statement s = c.createStatement();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT title FROM docs WHERE tenant = current_setting('app.tenant', true) ORDER BY id")) {
            s.execute("SET app.tenant = 'globex'");
            c.setAutoCommit(false);
            s.execute("SET LOCAL app.tenant = 'acme'");   // the first statement of the transaction
            assertThat(titles(ps)).containsExactly("a1", "a2");
            c.commit();
            assertThat(titles(ps)).containsExactly("g1");
            try (ResultSet rs = s.executeQuery("SELECT set_config('app.tenant', 'acme', true)")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("acme");
            }
            assertThat(titles(ps)).containsExactly("a1", "a2");
            c.rollback();
            assertThat(titles(ps)).containsExactly("g1");
        }
    }
}
