package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.List;

/**
 * What system functions and views ask of the session that runs the statement, and of the other
 * sessions on its database: settings ({@code current_setting}, {@code set_config}), the
 * transaction's id ({@code txid_current}) and each session's activity ({@code pg_stat_activity},
 * {@code pg_locks}). Called on the running session's thread.
 */
public interface SessionCalls {
    /** The value as SHOW gives it; null when {@code name} is unknown and {@code missingOk}, else 42704. */
    String setting(String name, boolean missingOk);

    /**
     * Sets {@code name} as SET (or SET LOCAL when {@code local}) would, {@code value} null
     * resetting it, and returns the value it now has.
     */
    String setConfig(String name, String value, boolean local);

    /** The running transaction's id, assigned on first use (as PostgreSQL assigns one on first write or ask). */
    long transactionId();

    /** One row per open session on the database, this one included. */
    List<Activity> activity();

    /** Runs user function {@code f} (LANGUAGE plpgsql) on {@code arguments}, already of its argument types. */
    default Object callFunction(io.kyrodb.engine.catalog.UserFunction f, Object[] arguments) {
        throw new KyroException(SqlState.UNDEFINED_FUNCTION, "function " + f.signature()
                + " cannot run without a session");
    }

    /**
     * Runs set-returning user function {@code f} (LANGUAGE plpgsql, RETURNS SETOF / TABLE): its
     * rows, each of {@code columns} types.
     */
    default List<Object[]> callSetFunction(io.kyrodb.engine.catalog.UserFunction f, Object[] arguments,
                                           List<io.kyrodb.engine.types.SqlType> columns) {
        throw new KyroException(SqlState.UNDEFINED_FUNCTION, "function " + f.signature()
                + " cannot run without a session");
    }

    /**
     * A session as pg_stat_activity shows it. Times are null when they do not apply (no
     * transaction open: {@code xactStart}); {@code xid} is null until the transaction has one;
     * {@code writer}: it holds the database's writer lock.
     */
    record Activity(int pid, String user, String applicationName, java.time.Instant backendStart,
                    java.time.Instant xactStart, java.time.Instant queryStart,
                    java.time.Instant stateChange, String state, String query, Long xid, boolean writer,
                    long localTransaction) {
    }

    /**
     * Takes advisory lock {@code key} ({@link io.kyrodb.engine.txn.AdvisoryLocks}); {@code tryOnly}:
     * returns at once whether it got it, else waits (lock_timeout: 55P03; a cancel: 57014) and returns "".
     */
    default Object advisoryLock(io.kyrodb.engine.txn.AdvisoryLocks.Key key, boolean shared, boolean transaction,
                                boolean tryOnly) {
        throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "advisory locks need a session");
    }

    /** Releases one session-level hold of advisory lock {@code key}; false when the session held none. */
    default boolean advisoryUnlock(io.kyrodb.engine.txn.AdvisoryLocks.Key key, boolean shared) {
        throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "advisory locks need a session");
    }

    /** An advisory lock of a session on the database, held or waited for (pg_locks). */
    record AdvisoryLock(int pid, io.kyrodb.engine.txn.AdvisoryLocks.Key key, boolean shared, boolean granted,
                        java.time.Instant waitStart) {
    }

    /** The advisory locks every session on the database holds or waits for. */
    default List<AdvisoryLock> advisoryLocks() {
        return List.of();
    }

    /** Releases every session-level advisory lock of the session. */
    default void advisoryUnlockAll() {
        throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "advisory locks need a session");
    }

    /** The session's open cursors (pg_cursors); none by default. */
    default List<Cursor> cursors() {
        return List.of();
    }

    /** A row of pg_cursors: {@code statement} the DECLARE as sent (PL/pgSQL's OPEN: its query). */
    record Cursor(String name, String statement, boolean holdable, boolean binary, boolean scrollable,
                  java.time.Instant created) {
    }

    /** The statements the session prepared with PREPARE (pg_prepared_statements); none by default. */
    default List<Prepared> preparedStatements() {
        return List.of();
    }

    /** A row of pg_prepared_statements: {@code statement} the PREPARE as written, the parameters' type names. */
    record Prepared(String name, String statement, java.time.Instant prepareTime, List<String> parameterTypes) {
    }

    /** For sessionless binders: no settings, no transaction, no sessions. */
    SessionCalls NONE = new SessionCalls() {
        @Override
        public String setting(String name, boolean missingOk) {
            if (missingOk) {
                return null;
            }
            throw new KyroException(SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
        }

        @Override
        public String setConfig(String name, String value, boolean local) {
            throw new KyroException(SqlState.CANT_CHANGE_RUNTIME_PARAM,
                    "parameter \"" + name + "\" cannot be changed without a session");
        }

        @Override
        public long transactionId() {
            throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "no transaction without a session");
        }

        @Override
        public List<Activity> activity() {
            return List.of();
        }
    };
}
