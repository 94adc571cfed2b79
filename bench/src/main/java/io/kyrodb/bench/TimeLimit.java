package io.kyrodb.bench;

import java.time.Duration;

/**
 * How long one workload may run on one engine. A workload checks it between units of work (a batch,
 * a few lookups) and stops with {@link Exceeded}, saying how far it got, so one pathologically slow
 * engine is reported as such and the others still run. It cannot interrupt a single call that
 * never returns.
 */
public record TimeLimit(Duration limit) {

    public static final TimeLimit NONE = new TimeLimit(Duration.ofNanos(Long.MAX_VALUE));

    /** Throws {@link Exceeded} if more than the limit has passed since {@code startNanos}. */
    public void check(long startNanos, String progress) {
        long elapsed = System.nanoTime() - startNanos;
        if (elapsed > limit.toNanos()) {
            throw new Exceeded(String.format(java.util.Locale.ROOT,
                    "stopped after %.0f s (time limit %d s) with %s", elapsed / 1e9, limit.toSeconds(), progress));
        }
    }

    /** The workload ran out of time; its engine gets no figure for it. */
    public static final class Exceeded extends RuntimeException {

        public Exceeded(String message) {
            super(message);
        }
    }
}
