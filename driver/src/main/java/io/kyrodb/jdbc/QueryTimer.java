package io.kyrodb.jdbc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One daemon thread for the driver's query timeouts: it cancels statements whose time is up. */
final class QueryTimer {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kyro-query-timeout");
        t.setDaemon(true);
        return t;
    });

    private QueryTimer() {
    }

    static ScheduledFuture<?> schedule(KyroJdbcConnection connection, int seconds) {
        return TIMER.schedule(connection::cancelRunning, seconds, TimeUnit.SECONDS);
    }
}
