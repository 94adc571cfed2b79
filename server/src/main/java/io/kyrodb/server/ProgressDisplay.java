package io.kyrodb.server;

import java.io.Writer;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Shows the notices a running statement sends (an HNSW build's "building HNSW index i on t: 42%
 * (4200 of 10000 rows, 1234 rows/s)") while it runs, read from {@link Statement#getWarnings()} on a
 * timer thread. On a terminal it is one status line rewritten in place, replaced by the last notice
 * when the statement ends; elsewhere (a script, a pipe) a {@code NOTICE:} line now and then
 * ({@link #QUIET_NANOS} after the start, then every {@link #LINE_NANOS}), and the last one at the end:
 * a statement shorter than {@link #QUIET_NANOS} prints nothing.
 *
 * <p>Threads: the timer thread and the statement's thread (in {@link #finish}) take turns under this
 * object's lock; the shell's own writes happen before {@link #start} and after {@link #finish}.
 */
final class ProgressDisplay {
    private static final long POLL_MILLIS = 200;
    static final long QUIET_NANOS = 2_000_000_000L;
    static final long LINE_NANOS = 5_000_000_000L;
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kyro-shell-progress");
        t.setDaemon(true);
        return t;
    });

    private final Statement statement;
    private final Writer err;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final long quietNanos;
    private ScheduledFuture<?> timer;
    private int seen;               // notices of the chain already read
    private String latest;          // the newest notice, shown or not
    private boolean shown;          // something was written
    private long lastLine;

    private ProgressDisplay(Statement statement, Writer err, boolean terminal, long quietNanos) {
        this.quietNanos = quietNanos;
        this.statement = statement;
        this.err = err;
        this.terminal = terminal;
    }

    /** Starts watching {@code statement}, which is about to run. */
    static ProgressDisplay start(Statement statement, Writer err, boolean terminal) {
        return start(statement, err, terminal, QUIET_NANOS);
    }

    /** {@code quietNanos}: how long a statement runs before its notices show (tests pass 0). */
    static ProgressDisplay start(Statement statement, Writer err, boolean terminal, long quietNanos) {
        ProgressDisplay d = new ProgressDisplay(statement, err, terminal, quietNanos);
        d.timer = TIMER.scheduleWithFixedDelay(d::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return d;
    }

    /** Whether {@code w} is a notice (SQLSTATE 00000), which this shows, not a warning. */
    static boolean isNotice(SQLWarning w) {
        return "00000".equals(w.getSQLState());
    }

    private synchronized void poll() {
        if (!readNew()) {
            return;
        }
        long now = System.nanoTime();
        if (now - started < quietNanos) {
            return;
        }
        if (terminal) {
            OutputFailedException.append(err, "\r" + latest + "\u001b[K");
            OutputFailedException.flush(err);
            shown = true;
        } else if (!shown || now - lastLine >= LINE_NANOS) {
            OutputFailedException.append(err, "NOTICE:  " + latest + "\n");
            OutputFailedException.flush(err);
            shown = true;
            lastLine = now;
        }
    }

    /** Reads the notices that came since the last look; whether there was one. */
    private boolean readNew() {
        SQLWarning w;
        try {
            w = statement.getWarnings();
        } catch (SQLException e) {
            return false;   // closed meanwhile
        }
        int i = 0;
        boolean fresh = false;
        for (; w != null; w = w.getNextWarning(), i++) {
            if (i >= seen && isNotice(w)) {
                latest = w.getMessage();
                fresh = true;
            }
        }
        seen = Math.max(seen, i);
        return fresh;
    }

    /**
     * The statement ended: stops the timer and leaves the last notice on its own line, if the
     * statement ran past the quiet time (a short one prints nothing).
     */
    void finish() {
        timer.cancel(false);
        synchronized (this) {
            readNew();
            if (latest != null && (shown || System.nanoTime() - started >= quietNanos)) {
                OutputFailedException.append(err, (terminal ? "\r" + latest + "\u001b[K" : "NOTICE:  " + latest) + "\n");
                OutputFailedException.flush(err);
            }
        }
    }
}
