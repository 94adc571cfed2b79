package io.kyrodb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * KyroDB file database with its defaults: sync is on, so a commit returns only after its WAL
 * COMMIT record is fsynced (see docs: Transactions, commit and group commit).
 */
final class KyroEngine implements EngineUnderTest {

    @Override
    public String key() {
        return "kyro";
    }

    @Override
    public String displayName() {
        return "KyroDB";
    }

    @Override
    public String url(Path dir) {
        return "jdbc:kyro:file:" + dir.toAbsolutePath();
    }

    @Override
    public Connection open(Path dir) throws SQLException {
        return DriverManager.getConnection(url(dir));
    }

    @Override
    public String durability(Connection connection) {
        return "defaults (sync on): a commit returns after its WAL COMMIT record is fsynced; a"
                + " batch in autocommit is one commit, made durable by one fsync before executeBatch returns";
    }
}
