package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.exec.ExecContext;
import io.kyrodb.engine.types.Interval;
import io.kyrodb.engine.types.SqlType;

/**
 * pg_sleep(seconds double precision) and pg_sleep_for(interval): wait, in slices short enough that
 * a cancel or statement_timeout (57014) ends the wait at once, as in PostgreSQL. Returns NULL (void).
 */
public record Sleep(boolean interval) implements ContextBuiltin {
    private static final long SLICE_NANOS = 10_000_000L;

    @Override
    public Object apply(Object[] args, SqlType resultType, EvalContext ctx) {
        double seconds = interval ? seconds((Interval) args[0]) : ((Number) args[0]).doubleValue();
        if (!(seconds > 0)) {
            return null;
        }
        long deadline = System.nanoTime() + (long) Math.min(seconds * 1e9, Long.MAX_VALUE / 2.0);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            if (ctx instanceof ExecContext e) {
                e.checkCancel();
            }
            try {
                Thread.sleep(java.time.Duration.ofNanos(Math.min(left, SLICE_NANOS)));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                throw new KyroException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
            }
        }
        if (ctx instanceof ExecContext e) {
            e.checkCancel();
        }
        return null;
    }

    /** An interval's length in seconds, a month as 30 days (PostgreSQL's pg_sleep_for adds it to now()). */
    private static double seconds(Interval i) {
        return i.months() * 30.0 * 86400 + i.days() * 86400.0 + i.micros() / 1e6;
    }
}
