package io.kyrodb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * KyroDB file database with its defaults: sync is on, so a commit (an autocommit statement, or
 * {@code commit()} after {@code setAutoCommit(false)}) returns only after its WAL record is fsynced;
 * concurrent commits wait for a shared fsync (group commit). One transaction writes at a time; the
 * others wait for the writer lock up to {@code lock_timeout}, then fail with 55P03 (docs/format/wal.md).
 */
final class KyroEngine implements EngineUnderTest {
    private final String pkIndex;

    /** KyroDB with its default primary-key index (learned). */
    KyroEngine() {
        this(null);
    }

    /** KyroDB with {@code pk_index} chosen at creation: {@code learned} or {@code btree} (null: the default). */
    KyroEngine(String pkIndex) {
        this.pkIndex = pkIndex;
    }

    @Override
    public String key() {
        return pkIndex == null ? "kyro" : "kyro-" + pkIndex;
    }

    @Override
    public String displayName() {
        return pkIndex == null ? "KyroDB" : "KyroDB " + pkIndex;
    }

    @Override
    public String url(Path dir) {
        return "jdbc:kyro:file:" + dir.toAbsolutePath() + (pkIndex == null ? "" : ";pk_index=" + pkIndex);
    }

    @Override
    public Connection open(Path dir) throws SQLException {
        return DriverManager.getConnection(url(dir));
    }

    @Override
    public String durability(Connection connection) throws SQLException {
        return "pk_index=" + show(connection, "pk_index") + ", sync=" + show(connection, "sync")
                + " (read back, the default): a commit returns after its"
                + " WAL record is fsynced, concurrent commits share an fsync (group commit); a batch in a"
                + " transaction is one commit; one writer at a time, the others wait up to lock_timeout="
                + show(connection, "lock_timeout") + " (read back)";
    }

    /** VACUUM merges each table's load runs into one (README, "VACUUM"); ANALYZE as PostgreSQL's. */
    @Override
    public java.util.List<String> afterBulkLoad() {
        return java.util.List.of("VACUUM ANALYZE");
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW " + setting)) {
            return rows.next() ? rows.getString(1) : "(not reported)";
        }
    }
}
