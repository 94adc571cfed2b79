package io.kyrodb.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Single-row commits: {@code threads} connections, each on its own thread, insert one row per
 * statement in autocommit ({@code INSERT INTO autocommitN (id, val) VALUES (?, ?)}, prepared) for a
 * fixed time, all at once; the figure is commits per second over all of them. With one thread it is
 * the commit latency of the engine (compare it with the disk's fsync rate); with several, whether
 * concurrent committers share an fsync (group commit) or queue for one each.
 *
 * <p>Each thread inserts its own id range ({@code t * ID_STRIDE + 1, + 2, ...}), so the threads
 * never conflict on a key; they still contend for whatever the engine serializes writers on. An
 * error the engine calls transient ({@link EngineUnderTest#isTransient}: SQLite's SQLITE_BUSY,
 * a lock timeout) is retried with the same row and counted, not failed. Afterwards every thread's
 * range must hold exactly the rows it reported as committed, or the workload fails.
 *
 * <p>Threads: the connections are opened before the clock starts and belong to their thread until
 * it ends; the harness's connection is used only to create the table and count the rows.
 */
public final class CommitBenchmark implements Workload {

    /** Ids of thread {@code t} start at {@code t * ID_STRIDE + 1}. */
    static final long ID_STRIDE = 1L << 40;

    private final int threads;
    private final Duration duration;

    public CommitBenchmark(int threads, Duration duration) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, not " + duration);
        }
        this.threads = threads;
        this.duration = duration;
    }

    @Override
    public String name() {
        return "commit" + threads;
    }

    /** The table this workload creates and fills. */
    String table() {
        return "autocommit" + threads;
    }

    @Override
    public String method() {
        String who = threads == 1 ? "one new connection in autocommit inserts"
                : threads + " new connections in autocommit, each on its own thread and all at once, insert";
        return String.format(Locale.ROOT, "CREATE TABLE %s (id BIGINT PRIMARY KEY, val TEXT NOT NULL), then"
                + " %s one row per executeUpdate (prepared%s) for %s s; commits/s is all commits over the"
                + " time from the start until the last statement returned; transient errors (SQLITE_BUSY,"
                + " lock timeouts) are retried and counted; afterwards count(*) must equal the commits",
                table(), who, threads == 1 ? "" : ", distinct id ranges", CompareOptions.seconds(duration));
    }

    @Override
    public WorkloadResult run(BenchDatabase database, Dataset data, PrintStream log) throws SQLException {
        try (Statement statement = database.connection().createStatement()) {
            statement.execute("CREATE TABLE " + table() + " (id BIGINT PRIMARY KEY, val TEXT NOT NULL)");
        }
        List<Worker> workers = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                Connection connection = database.connect();
                workers.add(new Worker(database.engine(), connection, t, data));
                connection.setAutoCommit(true);
            }
            long[] span = runAll(workers);
            double seconds = (span[1] - span[0]) / 1e9;
            long commits = 0;
            long retries = 0;
            long fewest = Long.MAX_VALUE;
            long most = 0;
            String example = null;
            for (Worker w : workers) {
                rethrow(w.failure);
                commits += w.commits;
                retries += w.retries;
                fewest = Math.min(fewest, w.commits);
                most = Math.max(most, w.commits);
                if (example == null) {
                    example = w.firstTransient;
                }
            }
            check(database.connection(), workers, commits);
            double perSecond = commits / seconds;
            log.printf("    %,d commits in %.2f s: %,.0f/s, %,d retries%n", commits, seconds, perSecond, retries);
            StringBuilder note = new StringBuilder(
                    String.format(Locale.ROOT, "%,d commits in %.2f s", commits, seconds));
            if (threads > 1) {
                note.append(String.format(Locale.ROOT, " by %d connections (%,d to %,d each)", threads, fewest, most));
            }
            note.append(String.format(Locale.ROOT, "; %,d retried after a transient error", retries));
            if (example != null) {
                note.append(" (first: ").append(example).append(')');
            }
            List<String> tags = retries > 0 ? List.of(String.format(Locale.ROOT, "%s: %,d retries", name(), retries))
                    : List.of();
            return new WorkloadResult(List.of(new Measurement(name() + "_per_s", name() + "/s", perSecond, 0)),
                    tags, List.of(note.toString()));
        } finally {
            closeAll(workers);
        }
    }

    /** Closes every worker's connection, even when one fails to close; throws the first failure. */
    private static void closeAll(List<Worker> workers) throws SQLException {
        SQLException first = null;
        for (Worker w : workers) {
            try {
                w.connection.close();
            } catch (SQLException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** Starts every worker at once, waits for all; returns the start and end nanoTime. */
    private long[] runAll(List<Worker> workers) {
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean stop = new AtomicBoolean();
        long[] span = new long[2];
        List<Thread> running = new ArrayList<>();
        for (Worker w : workers) {
            running.add(Thread.ofPlatform().name(name() + "-" + w.thread).start(() -> w.run(go, span, stop)));
        }
        span[0] = System.nanoTime();
        go.countDown();
        boolean interrupted = false;
        for (Thread thread : running) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stop.set(true);
                }
            }
        }
        span[1] = System.nanoTime();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return span;
    }

    /** Every thread's range holds exactly its commits, and the table nothing else. */
    private void check(Connection connection, List<Worker> workers, long commits) throws SQLException {
        try (PreparedStatement all = connection.prepareStatement("SELECT count(*) FROM " + table());
             ResultSet rows = all.executeQuery()) {
            long count = rows.next() ? rows.getLong(1) : -1;
            if (count != commits) {
                throw new WrongResultException(table() + " holds " + count + " rows after " + commits
                        + " reported commits");
            }
        }
        if (workers.size() == 1) {
            return;
        }
        try (PreparedStatement range = connection.prepareStatement(
                "SELECT count(*) FROM " + table() + " WHERE id >= ? AND id < ?")) {
            for (Worker w : workers) {
                range.setLong(1, w.firstId);
                range.setLong(2, w.firstId + ID_STRIDE);
                try (ResultSet rows = range.executeQuery()) {
                    long count = rows.next() ? rows.getLong(1) : -1;
                    if (count != w.commits) {
                        throw new WrongResultException(table() + " holds " + count + " rows of thread " + w.thread
                                + " (ids from " + w.firstId + ") after " + w.commits + " reported commits");
                    }
                }
            }
        }
    }

    /** One thread's connection and counts; the counts are read only after the thread has ended. */
    private final class Worker {
        final EngineUnderTest engine;
        final Connection connection;
        final int thread;
        final long firstId;
        final Dataset data;
        long commits;
        long retries;
        String firstTransient;
        Throwable failure;

        Worker(EngineUnderTest engine, Connection connection, int thread, Dataset data) {
            this.engine = engine;
            this.connection = connection;
            this.thread = thread;
            this.firstId = thread * ID_STRIDE + 1;
            this.data = data;
        }

        void run(CountDownLatch go, long[] span, AtomicBoolean stop) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + table() + " (id, val) VALUES (?, ?)")) {
                go.await();
                long deadline = span[0] + duration.toNanos();
                while (!stop.get() && System.nanoTime() < deadline) {
                    long id = firstId + commits;
                    insert.setLong(1, id);
                    insert.setString(2, data.valOf(1 + commits % data.rows()));
                    int count;
                    try {
                        count = insert.executeUpdate();
                    } catch (SQLException e) {
                        if (!engine.isTransient(e)) {
                            throw e;
                        }
                        retries++;
                        if (firstTransient == null) {
                            firstTransient = describe(e);
                        }
                        Thread.yield();
                        continue; // the same id again, unless the time is up
                    }
                    if (count != 1) {
                        throw new WrongResultException("INSERT of id " + id + " reported " + count + " rows");
                    }
                    commits++;
                }
            } catch (Throwable e) { // SQLException, WrongResultException, OutOfMemoryError: the harness reports it
                failure = e;
                stop.set(true);
            }
        }
    }

    /** Throws what a worker failed with, as it was, so the report names the real cause. */
    private static void rethrow(Throwable failure) throws SQLException {
        switch (failure) {
            case null -> { }
            case SQLException e -> throw e;
            case RuntimeException e -> throw e;
            case Error e -> throw e;
            default -> throw new SQLException(failure.toString(), failure); // InterruptedException
        }
    }

    private static String describe(SQLException e) {
        String state = e.getSQLState() == null ? "" : "SQLSTATE " + e.getSQLState() + ", ";
        return state + "error code " + e.getErrorCode() + ": " + String.valueOf(e.getMessage()).strip();
    }
}
