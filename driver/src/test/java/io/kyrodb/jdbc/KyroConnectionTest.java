package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The public KyroConnection interface, reached with unwrap. */
class KyroConnectionTest {
    @TempDir
    Path dir;

    @Test
    void unwrapGivesTheExtensionsOfAFileDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:file:" + dir.resolve("shop"))) {
            assertThat(c.isWrapperFor(KyroConnection.class)).isTrue();
            KyroConnection k = c.unwrap(KyroConnection.class);
            assertThat(k.databaseName()).isEqualTo("shop");
            assertThat(k.isInMemory()).isFalse();
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                s.executeUpdate("INSERT INTO t VALUES (1), (2)");
            }
            k.checkpoint();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(2);
            }
        }
    }

    @Test
    void aNamedMemoryDatabaseIsInMemoryAndNamed() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:orders")) {
            KyroConnection k = c.unwrap(KyroConnection.class);
            assertThat(k.isInMemory()).isTrue();
            assertThat(k.databaseName()).isEqualTo("orders");
            try (Statement s = c.createStatement()) {
                s.executeUpdate("CREATE TABLE t (id INTEGER PRIMARY KEY)");
                s.executeUpdate("INSERT INTO t VALUES (1), (2), (3)");
                k.cancelQuery();   // nothing running: nothing to stop, and the next statement is not hit
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM t")) {
                    rs.next();
                    assertThat(rs.getLong(1)).isEqualTo(3);
                }
            }
        }
    }

    @Test
    void aClosedConnectionRefusesTheExtensions() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:kyro:mem:");
        KyroConnection k = c.unwrap(KyroConnection.class);
        c.close();
        assertThatThrownBy(k::databaseName).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
    }
}
