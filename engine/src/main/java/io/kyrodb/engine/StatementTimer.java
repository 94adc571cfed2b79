package io.kyrodb.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon thread for statement_timeout: it cancels statements whose time is up. */
final class StatementTimer {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kyro-statement-timeout");
        t.setDaemon(true);
        return t;
    });

    private StatementTimer() {
    }

    static ScheduledFuture<?> schedule(Runnable cancel, long millis) {
        return TIMER.schedule(cancel, millis, TimeUnit.MILLISECONDS);
    }
}
