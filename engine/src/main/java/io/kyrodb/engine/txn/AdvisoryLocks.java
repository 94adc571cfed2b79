package io.kyrodb.engine.txn;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * PostgreSQL's advisory locks for the sessions of one database ({@code pg_advisory_lock(key)},
 * {@code pg_try_advisory_xact_lock(k1, k2)}, ...): locks on numbers the application chooses, which
 * KyroDB itself never takes. Migration tools take one so that two processes do not migrate at
 * once. A key is a bigint or a pair of integers (two separate key spaces, as in PostgreSQL), held
 * exclusive or shared. A session's own locks never conflict with each other; it may take a key
 * many times and holds it until it released it as many times. Session-level locks last until
 * unlocked or the session ends, transaction-level ones until the transaction ends.
 */
public final class AdvisoryLocks {
    /** A lock's key: {@code value} a bigint, or two integers in its high and low halves ({@code pair}). */
    public record Key(long value, boolean pair) {
        public static Key of(long key) {
            return new Key(key, false);
        }

        public static Key of(int high, int low) {
            return new Key(((long) high << 32) | (low & 0xFFFFFFFFL), true);
        }
    }

    /** How long a blocking lock waits at a time before it looks at its cancel flag again. */
    private static final long SLICE_MILLIS = 20;

    /** One session's holds on one key: counts per level (session, transaction) and mode. */
    private static final class Holds {
        int sessionExclusive;
        int sessionShared;
        int xactExclusive;
        int xactShared;

        boolean exclusive() {
            return sessionExclusive + xactExclusive > 0;
        }

        boolean none() {
            return sessionExclusive + sessionShared + xactExclusive + xactShared == 0;
        }
    }

    /** Guarded by this; waiters wait on this. */
    private final Map<Key, Map<Object, Holds>> held = new HashMap<>();

    /** What a blocking acquire that gave up tells its caller. */
    public enum Outcome { ACQUIRED, TIMED_OUT, CANCELED }

    /**
     * Takes {@code key} for {@code owner} (a session) if no other session holds it in a conflicting
     * mode (exclusive conflicts with everything, shared with exclusive); waits for that at most
     * {@code timeoutMillis} (0: no wait at all, as the pg_try_ functions; negative: without limit),
     * giving up when {@code cancelled} says so.
     */
    public synchronized Outcome acquire(Object owner, Key key, boolean shared, boolean transaction,
                                        long timeoutMillis, BooleanSupplier cancelled) {
        long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
        while (conflicts(owner, key, shared)) {
            if (timeoutMillis == 0) {
                return Outcome.TIMED_OUT;
            }
            if (cancelled.getAsBoolean()) {
                return Outcome.CANCELED;
            }
            long waitMillis = SLICE_MILLIS;
            if (timeoutMillis > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return Outcome.TIMED_OUT;
                }
                waitMillis = Math.min(waitMillis, left);
            }
            try {
                wait(waitMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Outcome.CANCELED;
            }
        }
        Holds h = held.computeIfAbsent(key, k -> new HashMap<>()).computeIfAbsent(owner, o -> new Holds());
        if (transaction) {
            if (shared) {
                h.xactShared++;
            } else {
                h.xactExclusive++;
            }
        } else if (shared) {
            h.sessionShared++;
        } else {
            h.sessionExclusive++;
        }
        return Outcome.ACQUIRED;
    }

    private boolean conflicts(Object owner, Key key, boolean shared) {
        Map<Object, Holds> holders = held.get(key);
        if (holders == null) {
            return false;
        }
        for (Map.Entry<Object, Holds> e : holders.entrySet()) {
            if (e.getKey() != owner && (!shared || e.getValue().exclusive())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Releases one session-level hold of {@code key} in the mode given; false (PostgreSQL then
     * warns) when {@code owner} held none.
     */
    public synchronized boolean release(Object owner, Key key, boolean shared) {
        Map<Object, Holds> holders = held.get(key);
        Holds h = holders == null ? null : holders.get(owner);
        if (h == null || (shared ? h.sessionShared : h.sessionExclusive) == 0) {
            return false;
        }
        if (shared) {
            h.sessionShared--;
        } else {
            h.sessionExclusive--;
        }
        forgetIfNone(key, holders, owner, h);
        notifyAll();
        return true;
    }

    /** Releases every session-level hold of {@code owner} (pg_advisory_unlock_all, the session's end). */
    public synchronized void releaseSession(Object owner) {
        release(owner, true);
    }

    /** Releases every transaction-level hold of {@code owner}: its transaction ended. */
    public synchronized void releaseTransaction(Object owner) {
        release(owner, false);
    }

    private void release(Object owner, boolean sessionLevel) {
        boolean any = false;
        for (Iterator<Map.Entry<Key, Map<Object, Holds>>> it = held.entrySet().iterator(); it.hasNext(); ) {
            Map<Object, Holds> holders = it.next().getValue();
            Holds h = holders.get(owner);
            if (h == null) {
                continue;
            }
            if (sessionLevel) {
                h.sessionExclusive = 0;
                h.sessionShared = 0;
            } else {
                h.xactExclusive = 0;
                h.xactShared = 0;
            }
            any = true;
            if (h.none()) {
                holders.remove(owner);
                if (holders.isEmpty()) {
                    it.remove();
                }
            }
        }
        if (any) {
            notifyAll();
        }
    }

    private void forgetIfNone(Key key, Map<Object, Holds> holders, Object owner, Holds h) {
        if (h.none()) {
            holders.remove(owner);
            if (holders.isEmpty()) {
                held.remove(key);
            }
        }
    }

    /** The keys {@code owner} holds at any level (for tests and pg_locks). */
    public synchronized int heldBy(Object owner) {
        int n = 0;
        for (Map<Object, Holds> holders : held.values()) {
            n += holders.containsKey(owner) ? 1 : 0;
        }
        return n;
    }
}
