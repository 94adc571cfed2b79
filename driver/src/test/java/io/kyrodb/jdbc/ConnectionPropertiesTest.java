package io.kyrodb.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connection's properties as pools and tools set and read them. */
class ConnectionPropertiesTest {
    @Test
    void networkTimeoutClientInfoSchemaCatalogAndWarnings() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:")) {
            c.setNetworkTimeout(Runnable::run, 5000);
            assertThat(c.getNetworkTimeout()).isEqualTo(5000);
            assertThatThrownBy(() -> c.setNetworkTimeout(Runnable::run, -1)).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("22023");

            c.setClientInfo("ApplicationName", "billing");
            assertThat(c.getClientInfo("ApplicationName")).isEqualTo("billing");
            Properties p = new Properties();
            p.setProperty("ClientUser", "ann");
            c.setClientInfo(p);
            assertThat(c.getClientInfo()).containsOnlyKeys("ClientUser");

            assertThat(c.getSchema()).isEqualTo("public");
            c.setSchema("public");
            assertThatThrownBy(() -> c.setSchema("nowhere")).isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("3F000");
            assertThat(c.getCatalog()).isNull();
            assertThat((Object) c.getWarnings()).isNull();
            c.clearWarnings();

            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_SERIALIZABLE);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_UNCOMMITTED);
            assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
        }
    }

    @Test
    void isValidNeverThrowsAndAClosedConnectionRefusesClientInfo() throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:kyro:mem:");
        assertThat(c.isValid(0)).isTrue();
        assertThat(c.isValid(-1)).isTrue();
        c.close();
        assertThat(c.isValid(1)).isFalse();
        assertThatThrownBy(() -> c.setClientInfo("ApplicationName", "x")).isInstanceOf(SQLClientInfoException.class);
        assertThatThrownBy(c::getNetworkTimeout).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08003");
    }

    @Test
    void abortClosesTheConnectionAndItsStatementsOnTheExecutor() throws Exception {
        Connection c = DriverManager.getConnection("jdbc:kyro:mem:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1");
        CountDownLatch ran = new CountDownLatch(1);
        c.abort(task -> {
            task.run();
            ran.countDown();
        });
        assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(c.isClosed()).isTrue();
        assertThat(s.isClosed()).isTrue();
        assertThat(rs.isClosed()).isTrue();
        c.abort(Runnable::run);   // a second abort does nothing
    }
}
