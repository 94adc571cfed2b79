package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * How operators divide {@code work_mem} when they spill, and the 53200 error for what cannot.
 * Operators hold at most {@link #budget} bytes: work_mem, but at least 64kB (PostgreSQL's minimum
 * work_mem; below it hash operators would need more splits than they may make, and a sort
 * thousands of runs). Spill I/O goes through buffers of {@link #ioBufferSize} (a thirty-second of
 * the budget, 4 to 64kB), and an operator keeps about a budget of them at most: a merge reads
 * {@link #mergeFanIn} runs at once, a hash operator writes {@link #partitionCount} partitions.
 */
final class WorkMem {
    static final long MIN_BUDGET = 64 * 1024;
    static final int MIN_BUFFER = 4 * 1024;
    static final int MAX_BUFFER = 64 * 1024;
    static final int MAX_FAN_IN = 64;
    static final int MAX_PARTITIONS = 32;

    private WorkMem() {
    }

    /** The bytes an operator may hold: {@code work_mem}, at least {@link #MIN_BUDGET}. */
    static long budget(ExecContext ctx) {
        return Math.max(ctx.workMem(), MIN_BUDGET);
    }

    static int ioBufferSize(long workMem) {
        return (int) Math.clamp(workMem / 32, MIN_BUFFER, MAX_BUFFER);
    }

    /** Runs merged at once: one read buffer each plus the output's buffer within work_mem. */
    static int mergeFanIn(long workMem) {
        return (int) Math.clamp(workMem / ioBufferSize(workMem) - 1, 2, MAX_FAN_IN);
    }

    /** Partitions a hash operator splits its overflow into; their write buffers take half of work_mem. */
    static int partitionCount(long workMem) {
        return (int) Math.clamp(workMem / ioBufferSize(workMem) / 2, 4, MAX_PARTITIONS);
    }

    /**
     * 53200 for something that must be held in memory at once:
     * {@code <what> exceeds work_mem (64kB); raise work_mem or <advice>}.
     */
    static KyroException exceeded(ExecContext ctx, String what, String advice) {
        long workMem = ctx.workMem();
        return new KyroException(SqlState.OUT_OF_MEMORY, what + " exceeds work_mem (" + format(workMem)
                + "); raise work_mem (SET work_mem = '" + format(Math.max(workMem * 4, 1024 * 1024))
                + "') or " + advice);
    }

    /** A size rounded for a message: {@code 980B}, {@code 65kB}, {@code 12MB}. */
    static String formatRounded(long bytes) {
        if (bytes < 10 * 1024) {
            return bytes + "B";
        }
        if (bytes < 10L * 1024 * 1024) {
            return Math.round(bytes / 1024.0) + "kB";
        }
        return Math.round(bytes / (1024.0 * 1024)) + "MB";
    }

    /** A size as SET and SHOW write it: {@code 64MB}, {@code 1536kB}, {@code 100B}. */
    static String format(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        int u = 0;
        while (u < units.length - 1 && bytes != 0 && bytes % 1024 == 0) {
            bytes /= 1024;
            u++;
        }
        return bytes + units[u];
    }
}
