package io.kyrodb.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One daemon thread for statement timeouts (statement_timeout, and the JDBC driver's query
 * timeout): it runs the cancel action of a statement whose time is up.
 *
 * <p>Every statement under a timeout arms a {@link Deadline} and disarms it when it ends, so
 * arming is on the path of each short statement and costs a set insertion and removal: no task
 * object queued for the timeout's whole length (a scheduled executor keeps a cancelled task in
 * its queue until its time, so 30-second timeouts on thousands of statements a second would keep
 * millions of them), and no wake of the timer thread unless the new deadline comes before the
 * time the thread already sleeps until. While deadlines keep coming the thread wakes at least
 * once every {@link #LINGER_NANOS}, so a deadline further away than that never wakes it; after a
 * minute with none it sleeps until the next one.
 */
public final class StatementTimer {
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int IDLE_ROUNDS = 60;

    /** The armed deadlines; the timer thread scans them when it wakes. */
    private static final Set<Deadline> ARMED = ConcurrentHashMap.newKeySet();
    /** The System.nanoTime() the timer thread sleeps until; Long.MAX_VALUE when it sleeps until woken. */
    private static volatile long wakeAt = Long.MAX_VALUE;
    private static final Thread THREAD = start();

    private StatementTimer() {
    }

    /** An armed timeout: {@link #cancel} it when the statement ends. */
    public static final class Deadline {
        private final long at;
        private final Runnable action;

        private Deadline(long at, Runnable action) {
            this.at = at;
            this.action = action;
        }

        /** Disarms it; the action does not run unless it has already started. */
        public void cancel() {
            ARMED.remove(this);
        }
    }

    /** Runs {@code action} on the timer thread after {@code millis} ms unless the deadline is cancelled first. */
    public static Deadline schedule(Runnable action, long millis) {
        long now = System.nanoTime();
        long delay = TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
        Deadline d = new Deadline(now + Math.min(delay, Long.MAX_VALUE / 4), action);
        ARMED.add(d);
        // Read after the insertion; the timer thread publishes wakeAt before it scans again, so
        // either it sees this deadline or this call sees the time it will sleep until.
        if (d.at - wakeAt < 0 || wakeAt == Long.MAX_VALUE) {
            LockSupport.unpark(THREAD);
        }
        return d;
    }

    /** How many deadlines are armed (tests: none is left behind by statements that ended). */
    static int armed() {
        return ARMED.size();
    }

    private static Thread start() {
        Thread t = new Thread(StatementTimer::run, "kyro-statement-timeout");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void run() {
        int idle = 0;
        while (true) {
            long now = System.nanoTime();
            long next = now + LINGER_NANOS;
            boolean any = false;
            for (Deadline d : ARMED) {
                if (d.at - now <= 0) {
                    if (ARMED.remove(d)) {
                        fire(d);
                    }
                } else {
                    any = true;
                    if (d.at - next < 0) {
                        next = d.at;
                    }
                }
            }
            idle = any ? 0 : idle + 1;
            if (idle > IDLE_ROUNDS) {
                wakeAt = Long.MAX_VALUE;
            } else {
                wakeAt = next;
            }
            // Deadlines armed while the scan ran may be earlier than the time just published.
            boolean earlier = false;
            for (Deadline d : ARMED) {
                if (d.at - next < 0 || idle > IDLE_ROUNDS) {
                    earlier = true;
                    break;
                }
            }
            if (earlier) {
                idle = 0;
                continue;
            }
            if (wakeAt == Long.MAX_VALUE) {
                LockSupport.park(StatementTimer.class);
            } else {
                LockSupport.parkNanos(StatementTimer.class, next - System.nanoTime());
            }
        }
    }

    private static void fire(Deadline d) {
        try {
            d.action.run();
        } catch (Throwable e) {
            // a cancel action only sets flags; nothing to report to, and the thread must live on
        }
    }
}
