package io.kyrodb.engine.catalog;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;

/**
 * A sequence (CREATE SEQUENCE, SERIAL, identity columns): its definition, which is catalog state
 * (created and dropped transactionally), and its current value, which is not: as in PostgreSQL,
 * {@code nextval} and {@code setval} are never rolled back, and every catalog version that holds
 * this object shares the one counter.
 *
 * <p>Durability follows PostgreSQL's SEQ_LOG_VALS: before handing out a value past the last one it
 * logged, a committed sequence logs ({@link SequenceLog}, a WAL record that is fsynced) a bound
 * {@value #LOG_AHEAD} values ahead, and hands out values up to that bound with no further I/O. A
 * restart continues after the bound, so no value is ever handed out twice (a crash skips at most
 * {@value #LOG_AHEAD} values). A sequence created by a transaction that has not committed yet logs
 * nothing: its commit record carries its state ({@link #loggedValue()}).
 *
 * <p>Thread-safety: the counter is guarded by this object's monitor (sessions call nextval
 * concurrently, whichever holds the writer lock).
 */
public final class Sequence {
    /** How many values one log record covers (PostgreSQL's SEQ_LOG_VALS). */
    public static final int LOG_AHEAD = 32;

    private final String name;
    private final SqlType type;
    private final long increment;
    private final long minValue;
    private final long maxValue;
    private final long start;
    private final long cache;
    private final boolean cycle;
    private final String ownedBy;

    /**
     * The counter: shared by the versions of one sequence that ALTER SEQUENCE (without RESTART) and
     * a renamed owner column make, so that a session still using the old version and one using the
     * new never hand out the same value. Guarded by its own monitor.
     */
    private static final class Counter {
        long last;             // the value handed out last (called), or the next one to hand out (!called)
        boolean called;
        long logged;           // what a restart continues from: durable once durable is true
        boolean loggedCalled;
        boolean durable;
        long boundLsn;         // the WAL record that logged the current bound (0: none, or durable for long)
        /**
         * The name the counter's WAL records carry: the name of the last committed version (a
         * rename or SET SCHEMA in an open transaction shares the counter, and its advances must be
         * found by a recovery in which that transaction never committed).
         */
        String logName;
    }

    private final Counter state;

    /** A sequence whose state is ({@code value}, {@code called}): the next value is value+increment if called, else value. */
    public Sequence(String name, SqlType type, long increment, long minValue, long maxValue, long start, long cache,
                    boolean cycle, String ownedBy, long value, boolean called, boolean durable) {
        this.name = name;
        this.type = type;
        this.increment = increment;
        this.minValue = minValue;
        this.maxValue = maxValue;
        this.start = start;
        this.cache = cache;
        this.cycle = cycle;
        this.ownedBy = ownedBy;
        this.state = new Counter();
        state.logName = name;
        state.last = value;
        state.called = called;
        state.logged = value;
        state.loggedCalled = called;
        state.durable = durable;
    }

    /** {@code definition} counting with {@code shared} (see {@link Counter}). */
    private Sequence(Sequence definition, String ownedBy, Counter shared) {
        this.name = definition.name;
        this.type = definition.type;
        this.increment = definition.increment;
        this.minValue = definition.minValue;
        this.maxValue = definition.maxValue;
        this.start = definition.start;
        this.cache = definition.cache;
        this.cycle = definition.cycle;
        this.ownedBy = ownedBy;
        this.state = shared;
    }

    public String name() { return name; }
    /** smallint, integer or bigint. */
    public SqlType type() { return type; }
    public long increment() { return increment; }
    public long minValue() { return minValue; }
    public long maxValue() { return maxValue; }
    public long start() { return start; }
    public long cache() { return cache; }
    public boolean cycle() { return cycle; }
    /** {@code table.column} for the sequence of a SERIAL or identity column (dropped with it), else null. */
    public String ownedBy() { return ownedBy; }

    /** The table of OWNED BY table.column, or null when the sequence is owned by none. */
    public String ownerTable() {
        return ownedBy == null || ownedBy.lastIndexOf('.') < 0 ? null : ownedBy.substring(0, ownedBy.lastIndexOf('.'));
    }

    /** The state a restart continues from: the value part. */
    public long loggedValue() {
        synchronized (state) {
            return state.logged;
        }
    }

    /** The state a restart continues from: whether {@link #loggedValue()} was handed out. */
    public boolean loggedCalled() {
        synchronized (state) {
            return state.loggedCalled;
        }
    }

    /** The last value handed out or set, and whether it was handed out (for pg_sequences-like views). */
    public long lastValue() {
        synchronized (state) {
            return state.last;
        }
    }

    public boolean isCalled() {
        synchronized (state) {
            return state.called;
        }
    }

    /**
     * The LSN of the WAL record that covers the values handed out so far: a value must not leave
     * the database (in a result, or in a committed row: a commit's record comes later in the WAL)
     * before the WAL is durable through it.
     */
    public long boundLsn() {
        synchronized (state) {
            return state.boundLsn;
        }
    }

    /**
     * Called once the transaction that created this version (CREATE SEQUENCE, or a rename or other
     * ALTER counting on) has committed: from now on advances are logged, under this version's name.
     */
    public void markDurable() {
        synchronized (state) {
            state.durable = true;
            state.logName = name;
        }
    }

    /** nextval: the next value, logged ahead when it passes the logged bound; 2200H past the end without CYCLE. */
    public long next(SequenceLog log) {
        synchronized (state) {
            long v;
            boolean wrapped = false;
            if (!state.called) {
                v = state.last;
            } else {
                long sum = state.last + increment;
                boolean overflow = ((state.last ^ sum) & (increment ^ sum)) < 0;
                if (overflow || sum > maxValue || sum < minValue) {
                    if (!cycle) {
                        throw new KyroException(SqlState.SEQUENCE_GENERATOR_LIMIT_EXCEEDED, "nextval: reached "
                                + (increment > 0 ? "maximum value of sequence \"" + name + "\" (" + maxValue
                                : "minimum value of sequence \"" + name + "\" (" + minValue) + ")");
                    }
                    sum = increment > 0 ? minValue : maxValue;
                    wrapped = true;
                }
                v = sum;
            }
            if (wrapped || !covered(v)) {
                long bound = ahead(v);
                if (state.durable) {
                    state.boundLsn = log.log(state.logName, bound, true, wrapped);
                }
                state.logged = bound;
                state.loggedCalled = true;
            }
            state.last = v;
            state.called = true;
            return v;
        }
    }

    /** setval: 22003 outside MINVALUE..MAXVALUE; logged (and durable) before it returns. */
    public long set(long value, boolean isCalled, SequenceLog log) {
        synchronized (state) {
            if (value < minValue || value > maxValue) {
                throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
                        + " is out of bounds for sequence \"" + name + "\" (" + minValue + ".." + maxValue + ")");
            }
            if (state.durable) {
                state.boundLsn = log.log(state.logName, value, isCalled, true);
            }
            state.last = value;
            state.called = isCalled;
            state.logged = value;
            state.loggedCalled = isCalled;
            return value;
        }
    }

    /**
     * At a clean close: logs the exact state (a set), so the next open continues right after the
     * last value handed out instead of after the logged-ahead bound (a crash still skips ahead).
     */
    public void settle(SequenceLog log) {
        synchronized (state) {
            if (state.durable && (state.logged != state.last || state.loggedCalled != state.called)) {
                log.sync(log.log(state.logName, state.last, state.called, true));
                state.logged = state.last;
                state.loggedCalled = state.called;
            }
        }
    }

    /** Recovery: a logged advance (never moves back) or a set. */
    public void replay(long value, boolean isCalled, boolean set) {
        synchronized (state) {
            if (set || !state.loggedCalled || (increment > 0 ? value > state.logged : value < state.logged)) {
                state.logged = value;
                state.loggedCalled = isCalled;
                state.last = value;
                state.called = isCalled;
            }
        }
    }

    private boolean covered(long v) {
        return state.loggedCalled && (increment > 0 ? v <= state.logged : v >= state.logged);
    }

    /** {@code v} advanced by LOG_AHEAD - 1 increments, or as far as whole increments stay in range. */
    private long ahead(long v) {
        long steps = LOG_AHEAD - 1;
        try {
            long target = Math.addExact(v, Math.multiplyExact(steps, increment));
            if (target <= maxValue && target >= minValue) {
                return target;
            }
        } catch (ArithmeticException past) {
            // clamped below
        }
        long fit = increment > 0 ? Long.divideUnsigned(maxValue - v, increment)
                : Long.divideUnsigned(v - minValue, -increment);
        return v + fit * increment;
    }

    /** The same sequence (its counter too) owned by {@code newOwner}: a SERIAL or identity column renamed. */
    public Sequence ownedAs(String newOwner) {
        return new Sequence(this, newOwner, state);
    }

    /**
     * ALTER SEQUENCE: {@code definition}'s name, type, bounds, options and owner counting on with
     * this sequence's counter (values already handed out, by either version, stay handed out), or,
     * with {@code restart}, a counter of its own restarted there (not durable until the ALTER
     * commits: its record carries the state).
     */
    public Sequence altered(Sequence definition, Long restart) {
        if (restart == null) {
            return new Sequence(definition, definition.ownedBy, state);
        }
        return new Sequence(definition.name, definition.type, definition.increment, definition.minValue,
                definition.maxValue, definition.start, definition.cache, definition.cycle, definition.ownedBy,
                restart, false, false);
    }

    /** A new sequence with this definition, at its start and not yet committed (a plan's definition, run). */
    public Sequence fresh() {
        return new Sequence(name, type, increment, minValue, maxValue, start, cache, cycle, ownedBy, start, false, false);
    }
}
