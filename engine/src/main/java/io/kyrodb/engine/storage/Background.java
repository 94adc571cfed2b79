package io.kyrodb.engine.storage;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one scheduler for background work of every database in the JVM (flushes, compactions,
 * checkpoints): at most two daemon threads, so a JVM that exits without closing loses nothing
 * committed (commits are durable in the WAL before they return) and background work never keeps
 * it alive or takes more than two cores.
 */
final class Background {
    static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private Background() {
    }

    private static ScheduledThreadPoolExecutor create() {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "kyro-background-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(threads, factory);
        e.setRemoveOnCancelPolicy(true);
        return e;
    }
}
