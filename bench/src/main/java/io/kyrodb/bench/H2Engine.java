package io.kyrodb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * H2 (MVStore) file database with {@code WRITE_DELAY=0}: a commit writes its changes to the file
 * before it returns instead of up to a second later, so it survives a crash of the process. H2 does
 * not fsync on commit, so the OS may still lose it in a power failure or kernel crash.
 */
final class H2Engine implements EngineUnderTest {

    @Override
    public String key() {
        return "h2";
    }

    @Override
    public String displayName() {
        return "H2";
    }

    @Override
    public String url(Path dir) {
        return "jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath() + ";WRITE_DELAY=0";
    }

    @Override
    public Connection open(Path dir) throws SQLException {
        Connection connection = DriverManager.getConnection(url(dir), "sa", "");
        try {
            String writeDelay = writeDelay(connection);
            if (!"0".equals(writeDelay)) {
                throw new SQLException("H2 WRITE_DELAY is " + writeDelay + " after asking for 0");
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public String durability(Connection connection) throws SQLException {
        return "WRITE_DELAY=" + writeDelay(connection) + " (read back): each commit is written to the"
                + " file before it returns, so it survives a process crash; H2 does not fsync per"
                + " commit, so a power loss or OS crash can still lose it";
    }

    private static String writeDelay(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'");
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getString(1) : "(not reported)";
        }
    }
}
