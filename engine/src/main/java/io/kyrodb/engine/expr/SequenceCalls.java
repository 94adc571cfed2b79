package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.SequenceLog;

import java.util.HashMap;
import java.util.Map;

/**
 * One session's side of the sequence functions: what currval and lastval return (PostgreSQL keeps
 * them per session, and they are not rolled back either). Used by one thread at a time, as the
 * session is; the sequences themselves are shared and synchronized.
 */
public final class SequenceCalls {
    private final SequenceLog log;
    private final Map<Sequence, Long> current = new HashMap<>();   // by identity: a re-created sequence starts afresh
    private Sequence lastUsed;

    public SequenceCalls(SequenceLog log) {
        this.log = log;
    }

    public long nextval(Sequence s) {
        long v = s.next(log);
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
        if (called) {
            current.put(s, value);
        }
        return value;
    }

    public long lastval() {
        if (lastUsed == null) {
            throw new KyroException(SqlState.OBJECT_NOT_IN_PREREQUISITE_STATE, "lastval is not yet defined in this session");
        }
        return current.get(lastUsed);
    }
}
