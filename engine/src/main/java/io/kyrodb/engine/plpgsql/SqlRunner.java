package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.binder.Variables;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.sql.ast.Statement;

import java.util.List;

/**
 * What the PL/pgSQL interpreter asks of the session that runs it: embedded statements run in the
 * transaction of the statement that called the function (or of the DO block), with the block's
 * variables bound as parameters; savepoints for exception blocks; notices for RAISE. Called on the
 * session's thread only.
 */
public interface SqlRunner {
    /** A statement's outcome: its rows (all read) and how many rows it changed (or returned). */
    record Result(List<ResultColumn> columns, List<Object[]> rows, long count) {
    }

    /**
     * Runs {@code statement} (parsed from {@code sql}) with {@code parameters}; {@code cache} (from
     * {@link #newPlanCache}, or null) keeps its plan between runs; {@code variables} (null: none)
     * says which names are variables.
     */
    Result run(Statement statement, String sql, Object[] parameters, Object cache, Variables variables);

    /**
     * Runs query {@code statement} for a cursor (OPEN): its rows unread, to be read as the cursor
     * moves; the caller closes them. As {@link #run} otherwise; a statement that returns no rows
     * fails with 42P11 (it has run by then: the error fails the statement that called the function).
     */
    io.kyrodb.engine.ExecResult.Rows open(Statement statement, String sql, Object[] parameters, Object cache,
                                          Variables variables);

    /** The session's open cursors (PL/pgSQL's OPEN and SQL's DECLARE share them). */
    io.kyrodb.engine.cursor.Portals portals();

    /**
     * The outermost function, trigger or DO block call ended: outside a transaction (a function
     * evaluated as a streaming result is read) the cursors it left open close now.
     */
    void callEnded();

    /** A place to keep one embedded statement's plan. */
    Object newPlanCache();

    /** The catalog the running statement sees (its transaction's, with its own DDL). */
    Catalog catalog();

    /** The schemas names are looked up in (the search_path), for {@code %TYPE} and functions. */
    List<String> searchPath();

    void notice(String message);

    void savepoint(String name);

    /** Undoes what happened since savepoint {@code name} and forgets it. */
    void rollbackTo(String name);

    void release(String name);

    /** 57014 when the statement was canceled (statement_timeout, Statement.cancel): loops call it. */
    void checkCancel();
}
