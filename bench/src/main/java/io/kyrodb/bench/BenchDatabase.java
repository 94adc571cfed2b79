package io.kyrodb.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The database one engine runs the workloads on: its directory, the harness's connection (open for
 * the whole run, autocommit unless a workload changes it and changes it back) and a way to open more
 * connections for workloads that need several.
 *
 * @param engine     the engine under test
 * @param dir        the database directory the harness gave the engine; workloads do not put files
 *                   of their own in it (the engine owns it)
 * @param connection the harness's connection; the harness closes it
 */
public record BenchDatabase(EngineUnderTest engine, Path dir, Connection connection) {

    /** Another connection to this database, set up as the harness's one; the caller closes it. */
    public Connection connect() throws SQLException {
        return engine.open(dir);
    }

    /** A directory next to the database, on the same file system, for a workload's scratch files. */
    public Path scratchDir() {
        return dir.toAbsolutePath().getParent();
    }
}
