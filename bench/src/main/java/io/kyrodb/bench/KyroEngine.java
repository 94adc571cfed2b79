package io.kyrodb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * KyroDB file database with its defaults: sync is on, so a statement returns only after its WAL
 * record is fsynced (docs/format/snapshot.md, "WAL records of the skeleton").
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
        return "defaults (sync on): a statement returns after its WAL record is fsynced; a prepared"
                + " batch in autocommit writes a record per row and fsyncs once before executeBatch returns";
    }
}
