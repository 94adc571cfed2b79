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

    /**
     * How long a blocked acquire waits before it looks for a deadlock (PostgreSQL's default
     * deadlock_timeout): most waits end sooner, and the search then costs nothing.
     */
    public static final long DEADLOCK_CHECK_MILLIS = 1000;

    /** Guarded by this; waiters wait on this. */
    private final Map<Key, Map<Object, Holds>> held = new HashMap<>();

    /** A blocked acquire: the key and mode it waits for, since when. */
    private record Waiting(Key key, boolean shared, java.time.Instant since) {
    }

    /** Who waits for what; guarded by this. */
    private final Map<Object, Waiting> waiting = new HashMap<>();

    /** What a blocking acquire that gave up tells its caller. */
    public enum Outcome { ACQUIRED, TIMED_OUT, CANCELED, DEADLOCK }

    /**
     * One lock as pg_locks shows it: held ({@code granted}) or waited for (since {@code waitStart}).
     * An owner holding a key at several levels or in both modes has one row per mode.
     */
    public record Lock(Object owner, Key key, boolean shared, boolean granted, java.time.Instant waitStart) {
    }

    /**
     * Takes {@code key} for {@code owner} (a session) if no other session holds it in a conflicting
     * mode (exclusive conflicts with everything, shared with exclusive); waits for that at most
     * {@code timeoutMillis} (0: no wait at all, as the pg_try_ functions; negative: without limit),
     * giving up when {@code cancelled} says so.
     */
    public synchronized Outcome acquire(Object owner, Key key, boolean shared, boolean transaction,
                                        long timeoutMillis, BooleanSupplier cancelled) {
        if (conflicts(owner, key, shared)) {
            if (timeoutMillis == 0) {
                return Outcome.TIMED_OUT;
            }
            waiting.put(owner, new Waiting(key, shared, java.time.Instant.now()));
            try {
                Outcome gaveUp = await(owner, key, shared, timeoutMillis, cancelled);
                if (gaveUp != null) {
                    return gaveUp;
                }
            } finally {
                waiting.remove(owner);
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

    /** Waits until {@code key} can be taken: null then, or why it gave up. Under the lock, registered in {@link #waiting}. */
    private Outcome await(Object owner, Key key, boolean shared, long timeoutMillis, BooleanSupplier cancelled) {
        long start = System.nanoTime();
        long deadline = timeoutMillis > 0 ? start + timeoutMillis * 1_000_000L : 0;
        long checkAt = start + DEADLOCK_CHECK_MILLIS * 1_000_000L;
        while (conflicts(owner, key, shared)) {
            if (cancelled.getAsBoolean()) {
                return Outcome.CANCELED;
            }
            long now = System.nanoTime();
            if (now - checkAt >= 0 && inCycle(owner)) {
                return Outcome.DEADLOCK;
            }
            long waitMillis = SLICE_MILLIS;
            if (timeoutMillis > 0) {
                long left = (deadline - now) / 1_000_000L;
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
        return null;
    }

    /*
     * Whether owner's wait closes a cycle: it waits for holders that wait (through more holders)
     * for owner. The waiter that finds the cycle gives up (PostgreSQL's deadlock error ends its
     * transaction); the others then find none and go on waiting or get their lock.
     */
    private boolean inCycle(Object owner) {
        java.util.Set<Object> seen = new java.util.HashSet<>();
        java.util.ArrayDeque<Object> todo = new java.util.ArrayDeque<>();
        todo.add(owner);
        while (!todo.isEmpty()) {
            Object o = todo.poll();
            Waiting w = waiting.get(o);
            Map<Object, Holds> holders = w == null ? null : held.get(w.key());
            if (holders == null) {
                continue;
            }
            for (Map.Entry<Object, Holds> e : holders.entrySet()) {
                Object holder = e.getKey();
                if (holder == o || (w.shared() && !e.getValue().exclusive())) {
                    continue;   // not what o waits for
                }
                if (holder == owner) {
                    return true;
                }
                if (seen.add(holder)) {
                    todo.add(holder);
                }
            }
        }
        return false;
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

    /** Every lock held and waited for, for pg_locks. */
    public synchronized java.util.List<Lock> locks() {
        java.util.List<Lock> out = new java.util.ArrayList<>();
        for (Map.Entry<Key, Map<Object, Holds>> k : held.entrySet()) {
            for (Map.Entry<Object, Holds> e : k.getValue().entrySet()) {
                Holds h = e.getValue();
                if (h.exclusive()) {
                    out.add(new Lock(e.getKey(), k.getKey(), false, true, null));
                }
                if (h.sessionShared + h.xactShared > 0) {
                    out.add(new Lock(e.getKey(), k.getKey(), true, true, null));
                }
            }
        }
        for (Map.Entry<Object, Waiting> e : waiting.entrySet()) {
            Waiting w = e.getValue();
            out.add(new Lock(e.getKey(), w.key(), w.shared(), false, w.since()));
        }
        return out;
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
