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

    /**
     * Runs {@code COPY table [(columns)] FROM STDIN [options]} with the records read from
     * {@code data}, in PostgreSQL's text or CSV layout as the options say (pgjdbc's
     * {@code CopyManager.copyIn}): one statement, so a bad record leaves no row (22P04, 22P02, ...
     * naming its line). Returns the rows copied; {@code data} is read to its end, not closed.
     */
    long copyIn(String sql, java.io.Reader data) throws SQLException;

    /**
     * Runs {@code COPY {table [(columns)] | (query)} TO STDOUT [options]}, writing the rows to
     * {@code out} (pgjdbc's {@code CopyManager.copyOut}). Returns the rows written; {@code out} is
     * flushed, not closed.
     */
    long copyOut(String sql, java.io.Writer out) throws SQLException;

    /** The database's name, as {@code current_database()} reports it. */
    String databaseName() throws SQLException;

    /** Whether the database lives in memory (a {@code jdbc:kyro:mem:} URL) rather than in a directory. */
    boolean isInMemory() throws SQLException;
}
