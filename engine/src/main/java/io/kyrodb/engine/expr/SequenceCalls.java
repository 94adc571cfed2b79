package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.SequenceLog;

import java.util.HashMap;
import java.util.Map;

/**
 * One session's side of the sequence functions: what currval and lastval return (PostgreSQL keeps
 * them per session, and they are not rolled back either), and the WAL position the values it
 * handed out need to be durable before they leave the database. In a query a value waits for that
 * at once; while a writing statement runs ({@link #deferSync}) it is noted instead, and the
 * statement's commit (whose WAL record comes later) or {@link #syncPending} before rows are
 * returned makes it durable, so a bulk INSERT of SERIAL rows pays one fsync, not one per 32 rows.
 * Used by one thread at a time, as the session is; the sequences themselves are shared and
 * synchronized.
 */
public final class SequenceCalls {
    private final SequenceLog log;
    private final Map<Sequence, Long> current = new HashMap<>();   // by identity: a re-created sequence starts afresh
    private Sequence lastUsed;
    private boolean deferSync;
    private long pending;

    public SequenceCalls(SequenceLog log) {
        this.log = log;
    }

    public long nextval(Sequence s) {
        long v = s.next(log);
        covered(s.boundLsn());
        current.put(s, v);
        lastUsed = s;
        return v;
    }

    public long currval(Sequence s) {
        Long v = current.get(s);
        if (v == null) {
            throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "currval of sequence \"" + s.name()
                    + "\" is not yet defined in this session");
        }
        return v;
    }

    public long setval(Sequence s, long value, boolean called) {
        s.set(value, called, log);
        covered(s.boundLsn());
        if (called) {
            current.put(s, value);
        }
        return value;
    }

    private void covered(long lsn) {
        if (lsn <= 0) {
            return;
        }
        if (deferSync) {
            pending = Math.max(pending, lsn);
        } else {
            log.sync(lsn);
        }
    }

    /** While a writing statement runs: values wait for its commit or {@link #syncPending}. */
    public void deferSync(boolean on) {
        deferSync = on;
    }

    /** Makes the WAL durable through every value handed out so far (before rows leave the database). */
    public void syncPending() {
        if (pending > 0) {
            long lsn = pending;
            pending = 0;
            log.sync(lsn);
        }
    }

    /** A commit made them durable (its record is later in the WAL), or a rollback left them unseen. */
    public void forgetPending() {
        pending = 0;
    }

    /** DISCARD SEQUENCES: currval and lastval are undefined again until the next nextval. */
    public void discard() {
        current.clear();
        lastUsed = null;
    }

    public long lastval() {
        if (lastUsed == null) {
            throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
        }
        return current.get(lastUsed);
    }
}
