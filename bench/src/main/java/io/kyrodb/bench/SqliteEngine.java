package io.kyrodb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * SQLite (xerial sqlite-jdbc) file database in WAL mode with {@code synchronous=FULL}: each commit
 * fsyncs the WAL before it returns, so it survives a process crash and a power loss.
 *
 * <p>Writers take turns: one connection holds the write lock at a time, and another that wants it
 * waits in SQLite's busy handler up to {@link #BUSY_TIMEOUT_MS}, then fails with SQLITE_BUSY, which
 * {@link #isTransient} counts as worth a retry.
 *
 * <p>The shared schema's {@code id BIGINT PRIMARY KEY} is not SQLite's rowid alias (only the exact
 * type name {@code INTEGER} is), so SQLite keeps the rows in a rowid table plus a separate unique
 * index on id, and a lookup reads two B-trees.
 */
final class SqliteEngine implements EngineUnderTest {

    static final int BUSY_TIMEOUT_MS = 10_000;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;

    @Override
    public String key() {
        return "sqlite";
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    @Override
    public String url(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("bench.db").toAbsolutePath();
    }

    @Override
    public Connection open(Path dir) throws SQLException {
        Connection connection = DriverManager.getConnection(url(dir));
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode=WAL");
            statement.execute("PRAGMA synchronous=FULL");
            statement.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
            String mode = pragma(connection, "journal_mode");
            String sync = pragma(connection, "synchronous");
            if (!"wal".equals(mode.toLowerCase(Locale.ROOT)) || !"2".equals(sync)) {
                throw new SQLException("SQLite journal_mode=" + mode + ", synchronous=" + sync
                        + " after asking for WAL and FULL (2)");
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** VACUUM rebuilds the file the load grew page by page; ANALYZE fills sqlite_stat1 for the planner. */
    @Override
    public java.util.List<String> afterBulkLoad() {
        return java.util.List.of("VACUUM", "ANALYZE");
    }

    @Override
    public String durability(Connection connection) throws SQLException {
        return "journal_mode=" + pragma(connection, "journal_mode") + ", synchronous="
                + synchronousName(pragma(connection, "synchronous")) + " (read back): each commit"
                + " fsyncs the WAL before it returns; BIGINT PRIMARY KEY is a separate unique index,"
                + " not the rowid; one writer at a time, the others wait up to busy_timeout="
                + pragma(connection, "busy_timeout") + " ms (read back)";
    }

    /** SQLITE_BUSY or SQLITE_LOCKED, extended codes included (the driver puts the result code in getErrorCode). */
    @Override
    public boolean isTransient(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
    }

    private static String pragma(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("PRAGMA " + name)) {
            return rows.next() ? rows.getString(1) : "(not reported)";
        }
    }

    private static String synchronousName(String level) {
        return switch (level) {
            case "0" -> "OFF";
            case "1" -> "NORMAL";
            case "2" -> "FULL";
            case "3" -> "EXTRA";
            default -> level;
        };
    }
}
