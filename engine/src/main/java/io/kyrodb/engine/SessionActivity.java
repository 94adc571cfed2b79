package io.kyrodb.engine;

import io.kyrodb.engine.catalog.system.SessionCalls;

import java.time.Instant;

/**
 * What a session is doing, for pg_stat_activity and pg_locks in other sessions: written by the
 * session's own thread as statements start and end (a few volatile writes each), read by any
 * thread. The session registers it with its {@link Database} while it is open.
 */
final class SessionActivity {
    private final int pid;
    private final String user;
    private volatile String applicationName;
    private final Instant backendStart = now();
    private volatile Instant xactStart;
    private volatile Instant queryStart;
    private volatile Instant stateChange = backendStart;
    private volatile String state = "idle";
    private volatile String query = "";
    private volatile Long xid;
    private volatile boolean writer;
    /** Counts this session's transactions: the local part of its virtualxid in pg_locks. */
    private volatile long localTransaction;

    SessionActivity(int pid, String user, String applicationName) {
        this.pid = pid;
        this.user = user;
        this.applicationName = applicationName;
    }

    /** A statement starts; {@code inTransaction}: it runs in a transaction already open. */
    void started(String sql, boolean inTransaction) {
        Instant t = now();
        query = sql;
        queryStart = t;
        stateChange = t;
        state = "active";
        if (!inTransaction || xactStart == null) {
            xactStart = t;
            localTransaction++;
        }
    }

    /**
     * A statement ended, or a transaction ended outside one (JDBC commit). {@code open}: a
     * transaction is still open ({@code failed}: aborted); {@code xid}, {@code writer}: its id and lock;
     * {@code applicationName}: the setting now (SET may have changed it).
     */
    void finished(boolean open, boolean failed, Long xid, boolean writer, String applicationName) {
        this.applicationName = applicationName;
        stateChange = now();
        if (open) {
            state = failed ? "idle in transaction (aborted)" : "idle in transaction";
            if (xactStart == null) {
                xactStart = stateChange;
                localTransaction++;
            }
        } else {
            state = "idle";
            xactStart = null;
        }
        this.xid = open ? xid : null;
        this.writer = open && writer;
    }

    /** While a statement runs: the transaction got an id or the writer lock. */
    void transaction(Long xid, boolean writer) {
        this.xid = xid;
        this.writer = writer;
    }

    SessionCalls.Activity row() {
        return new SessionCalls.Activity(pid, user, applicationName, backendStart, xactStart, queryStart, stateChange,
                state, query, xid, writer, localTransaction);
    }

    private static Instant now() {
        return Instant.now();
    }
}
