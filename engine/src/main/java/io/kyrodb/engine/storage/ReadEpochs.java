package io.kyrodb.engine.storage;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells when a run file that compaction (or a drop) took out of use can be closed and deleted:
 * once every statement that might still read it has ended. Each session has a {@link Slot}; a
 * statement {@link Slot#enter enters} with the current epoch before it reads any table state and
 * {@link Slot#exit exits} when done. Retiring a run advances the epoch after the run left the
 * table state, so a run retired at epoch {@code r} is unreachable by statements that entered at
 * {@code r} or later: it may go once {@code r <= } {@link #oldestActive()}.
 * Costs a statement two volatile writes; no locks on the read path.
 */
public final class ReadEpochs {
    private final AtomicLong epoch = new AtomicLong(1);
    private final Set<Slot> slots = ConcurrentHashMap.newKeySet();

    /** One reader (a session, a backup); used by one thread at a time. */
    public final class Slot implements AutoCloseable {
        private volatile long active = Long.MAX_VALUE;

        /** Called before a statement reads table state. */
        public void enter() {
            active = epoch.get();
        }

        /**
         * A new registered slot that has entered at this slot's epoch: a result that outlives
         * its statement keeps reading what the statement found.
         */
        public Slot fork() {
            Slot s = register();
            s.active = active;
            return s;
        }

        /** Called when the statement no longer reads anything it found. */
        public void exit() {
            active = Long.MAX_VALUE;
        }

        @Override
        public void close() {
            slots.remove(this);
        }
    }

    public Slot register() {
        Slot s = new Slot();
        slots.add(s);
        return s;
    }

    /** Called after runs were taken out of every table state; returns their retirement epoch. */
    long advance() {
        return epoch.incrementAndGet();
    }

    /** The epoch of the oldest running statement, or {@code Long.MAX_VALUE} if none runs. */
    long oldestActive() {
        long min = Long.MAX_VALUE;
        for (Slot s : slots) {
            min = Math.min(min, s.active);
        }
        return min;
    }
}
