package io.kyrodb.engine;

import io.kyrodb.engine.catalog.TableInfo;

import java.util.List;

/**
 * One connection's view of a database. Not thread-safe: one thread at a time, as JDBC requires of a
 * Connection's statements. Many sessions share one {@link Database}.
 */
public final class Session implements AutoCloseable {
    // Filled in by the engine.
    Session() {
    }

    /** Connects to the database at {@code location}, opening or creating it on first use. */
    public static Session connect(DatabaseLocation location, java.util.Map<String, String> settings) {
        throw new IllegalStateException("engine under construction");
    }

    /** Runs one or more {@code ;}-separated statements and returns the last one's result. */
    public ExecResult execute(String sql) {
        throw new IllegalStateException("engine under construction");
    }

    /** Parses and binds one statement for repeated execution with {@code ?} parameters. */
    public PreparedSql prepare(String sql) {
        throw new IllegalStateException("engine under construction");
    }

    /**
     * Runs {@code statement} once per parameter set; every change is durable when this returns or
     * throws. On the first failure throws {@link BatchException} with the counts of what ran.
     */
    public long[] executeBatch(PreparedSql statement, List<Object[]> parameterSets) {
        throw new IllegalStateException("engine under construction");
    }

    /** Every table, sorted by schema and name. */
    public List<TableInfo> tables() {
        throw new IllegalStateException("engine under construction");
    }

    /** The product version, e.g. {@code 0.1.0}. */
    public static String version() {
        return "0.1.0";
    }

    public boolean isClosed() {
        return true;
    }

    @Override
    public void close() {
    }
}
