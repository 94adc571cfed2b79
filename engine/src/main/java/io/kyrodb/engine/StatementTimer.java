package io.kyrodb.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One daemon thread for statement timeouts (statement_timeout, and the JDBC driver's query
 * timeout): it cancels statements whose time is up.
 */
public final class StatementTimer {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kyro-statement-timeout");
        t.setDaemon(true);
        return t;
    });

    private StatementTimer() {
    }

    public static ScheduledFuture<?> schedule(Runnable cancel, long millis) {
        return TIMER.schedule(cancel, millis, TimeUnit.MILLISECONDS);
    }
}
