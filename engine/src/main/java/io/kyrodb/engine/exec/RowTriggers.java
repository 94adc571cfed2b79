package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Table;

/**
 * The row-level triggers of one writing statement, as {@link Mutations} meets its rows: BEFORE ROW
 * triggers run as each row is proposed (and may change it or skip it), AFTER ROW events are queued
 * and run once the statement's changes are applied (by the session, in the order queued, as
 * PostgreSQL runs them at the end of the statement). Events are {@link io.kyrodb.engine.catalog.Trigger#INSERT} ...
 */
public interface RowTriggers {
    /**
     * Runs the BEFORE ROW triggers of {@code event} on {@code table}: the row to write instead of
     * {@code newRow} (for DELETE, any non-null row means go on), or null to skip the row.
     */
    Object[] before(Table table, int event, Object[] oldRow, Object[] newRow, java.util.List<String> setColumns);

    /** Queues the AFTER ROW triggers of {@code event} for the row the statement changed. */
    void after(Table table, int event, Object[] oldRow, Object[] newRow, java.util.List<String> setColumns);
}
