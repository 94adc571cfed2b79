package io.kyrodb.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * What a KyroDB connection offers beyond {@link Connection}, for applications that want it:
 * {@code connection.unwrap(KyroConnection.class)} works on the driver's connections and through
 * pools that implement {@code unwrap} (HikariCP does).
 */
public interface KyroConnection extends Connection {
    /**
     * Asks the statement running on this connection, if any, to stop; it fails with 57014. Safe to
     * call from any thread (as {@link java.sql.Statement#cancel()} is, without the statement).
     */
    void cancelQuery() throws SQLException;

    /**
     * Writes a checkpoint now, as the {@code CHECKPOINT} statement does: committed changes go from
     * the write-ahead log into sorted runs, so reopening replays less. Does nothing in memory.
     */
    void checkpoint() throws SQLException;

    /** The database's name, as {@code current_database()} reports it. */
    String databaseName() throws SQLException;

    /** Whether the database lives in memory (a {@code jdbc:kyro:mem:} URL) rather than in a directory. */
    boolean isInMemory() throws SQLException;
}
