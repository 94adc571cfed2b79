package io.kyrodb.engine;

import java.util.List;

/** What a statement returns: rows, or the number of rows it changed. */
public sealed interface ExecResult {

    /**
     * Rows of a query. {@link #next()} returns each row once, then {@code null}; the array's
     * elements are the values as {@link io.kyrodb.engine.types.TypeKind#javaClass()} says, or
     * {@code null} for SQL NULL. The caller must not change the arrays.
     */
    non-sealed interface Rows extends ExecResult, AutoCloseable {
        List<ResultColumn> columns();

        Object[] next();

        /**
         * For the rows of INSERT, UPDATE or DELETE ... RETURNING: how many rows the statement
         * changed (what executeUpdate reports, as pgjdbc does); -1 for a query.
         */
        default long changedCount() {
            return -1;
        }

        /** Releases what the rows hold (a snapshot, spill files); rows not yet read are dropped. */
        @Override
        default void close() {
        }
    }

    /** The update count of INSERT, UPDATE, DELETE; 0 for DDL. */
    record Count(long count) implements ExecResult {
    }
}
