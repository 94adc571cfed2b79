package io.kyrodb.tck.slt;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the records of one script, in order, on one database reached through {@link DriverManager}.
 * A failing record does not stop the ones after it. Not thread-safe: one caller runs the records.
 *
 * <p>Each statement runs on a worker thread so a record that hangs fails after {@code timeout}:
 * the runner then cancels it, and if the engine does not stop, gives up on the rest of the script
 * (its connection is still busy) rather than hang the build. A script that runs longer than its
 * {@code budget} in all (a 64-table join on a nested-loop engine) has its remaining records failed
 * unrun, for the same reason.
 */
public final class SltScriptRun implements AutoCloseable {

    private static final int SHOWN_LINES = 24;

    private final SltScript script;
    private final String url;
    private final Duration timeout;
    private final Duration budget;
    private final ExecutorService worker;
    private final Map<String, Labelled> labels = new HashMap<>();
    private final java.util.Set<String> engineNames;
    private Connection connection;                         // the current one, opened on first use
    private String connectionName = DEFAULT_CONNECTION;
    private final Map<String, Connection> connections = new HashMap<>();
    private static final String DEFAULT_CONNECTION = "default";
    private volatile Statement running;
    private int hashThreshold;
    private int haltedAt = -1;
    private String broken;
    private long startNanos = -1;
    private int passed;
    private int failed;
    private int skipped;

    private record Labelled(int line, String hash) {
    }

    /**
     * @param url     the JDBC URL of the script's database; {@code restart} reconnects to the same URL,
     *                so for a script that restarts it must name a database that outlives a connection
     * @param timeout how long one record may run
     * @param budget  how long the whole script may run
     */
    public SltScriptRun(SltScript script, String url, Duration timeout, Duration budget) {
        this(script, url, timeout, budget, Condition.OUR_NAMES);
    }

    /** @param engineNames what {@code onlyif}/{@code skipif} match: ours, or PostgreSQL's for the reference run */
    public SltScriptRun(SltScript script, String url, Duration timeout, Duration budget, java.util.Set<String> engineNames) {
        this.engineNames = engineNames;
        this.script = script;
        this.url = url;
        this.timeout = timeout;
        this.budget = budget;
        this.worker = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "slt " + script.name());
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs one record (after every record before it in the script) and counts its outcome. */
    public RecordOutcome execute(SltRecord record) {
        RecordOutcome outcome = run(record);
        if (counts(record)) {
            switch (outcome.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
        }
        return outcome;
    }

    /** Whether a record is a test of its own; hash-threshold and halt only steer the ones after them. */
    public static boolean counts(SltRecord record) {
        return !(record instanceof SltRecord.HashThreshold) && !(record instanceof SltRecord.Halt);
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    private RecordOutcome run(SltRecord record) {
        if (haltedAt >= 0) {
            return RecordOutcome.skipped("after the halt at line " + haltedAt);
        }
        if (!Condition.allAdmit(record.conditions(), engineNames)) {
            return RecordOutcome.skipped("not for this engine: " + record.conditions());
        }
        return switch (record) {
            case SltRecord.HashThreshold h -> {
                hashThreshold = h.threshold();
                yield RecordOutcome.PASSED;
            }
            case SltRecord.Halt h -> {
                haltedAt = h.line();
                yield RecordOutcome.PASSED;
            }
            case SltRecord.Restart r -> onWorker(r, this::restart);
            case SltRecord.Connection c -> onWorker(c, () -> {
                connectionName = c.name();
                connection = connections.get(c.name());
                return RecordOutcome.PASSED;
            });
            case SltRecord.Statement s -> onWorker(s, () -> statement(s));
            case SltRecord.Query q -> onWorker(q, () -> query(q));
        };
    }

    private interface Work {
        RecordOutcome run() throws SQLException;
    }

    private RecordOutcome onWorker(SltRecord record, Work work) {
        if (broken != null) {
            return RecordOutcome.failed("not run: " + broken);
        }
        if (startNanos < 0) {
            startNanos = System.nanoTime();
        } else if (System.nanoTime() - startNanos > budget.toNanos()) {
            broken = "the script used up its time budget of " + seconds(budget) + " before line " + record.line();
            return RecordOutcome.failed("not run: " + broken);
        }
        Future<RecordOutcome> future = worker.submit(() -> {
            try {
                if (connection == null && !(record instanceof SltRecord.Restart)
                        && !(record instanceof SltRecord.Connection)) {
                    connection = DriverManager.getConnection(url);
                    connections.put(connectionName, connection);
                }
                return work.run();
            } catch (SQLException e) {
                return RecordOutcome.failed("unexpected " + describe(e), e);
            } catch (RuntimeException | Error e) {
                return RecordOutcome.failed("the driver threw " + e + " instead of an SQLException", e);
            }
        });
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return timedOut(record, future);
        } catch (ExecutionException e) {
            return RecordOutcome.failed("runner error", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RecordOutcome.failed("interrupted");
        }
    }

    private RecordOutcome timedOut(SltRecord record, Future<RecordOutcome> future) {
        String what = "timed out after " + seconds(timeout);
        try {
            // The worker may not have created its statement yet on a loaded machine, or may not have
            // begun executing it (H2 forgets a cancel that arrives before execution starts): cancel
            // every 100 ms while the statement runs, and give the engine 15 s to stop.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (true) {
                Statement statement = running;
                if (statement != null) {
                    statement.cancel();
                }
                try {
                    RecordOutcome afterCancel = future.get(100, TimeUnit.MILLISECONDS);
                    return RecordOutcome.failed(what + " and was cancelled (" + afterCancel.message() + ")\n" + record.sql());
                } catch (TimeoutException stillRunning) {
                    if (System.nanoTime() > deadline) {
                        throw stillRunning;
                    }
                }
            }
        } catch (SQLException | ExecutionException | TimeoutException e) {
            broken = "the record at line " + record.line() + " " + what + " and could not be cancelled";
            future.cancel(true);
            return RecordOutcome.failed(what + " and could not be cancelled; the rest of the file is not run\n"
                    + record.sql());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RecordOutcome.failed(what);
        }
    }

    /** Closes every connection, then opens the default one again. */
    private RecordOutcome restart() throws SQLException {
        List<Connection> open = new ArrayList<>(connections.values());
        connections.clear();
        connection = null;
        for (Connection c : open) {
            c.close();
        }
        connectionName = DEFAULT_CONNECTION;
        connection = DriverManager.getConnection(url);
        connections.put(connectionName, connection);
        return RecordOutcome.PASSED;
    }

    private RecordOutcome statement(SltRecord.Statement s) {
        try (Statement st = connection.createStatement()) {
            running = st;
            if (st.execute(s.sql())) {
                drain(st.getResultSet());
            }
        } catch (SQLException e) {
            if (!s.expectError()) {
                return RecordOutcome.failed("expected success but got " + describe(e) + "\n" + s.sql(), e);
            }
            if (s.sqlState() != null && !s.sqlState().equals(e.getSQLState())) {
                return RecordOutcome.failed("expected SQLSTATE " + s.sqlState() + " but got " + describe(e)
                        + "\n" + s.sql(), e);
            }
            return RecordOutcome.PASSED;
        } finally {
            running = null;
        }
        if (s.expectError()) {
            return RecordOutcome.failed("expected an error" + (s.sqlState() == null ? "" : " with SQLSTATE " + s.sqlState())
                    + " but the statement succeeded\n" + s.sql());
        }
        return RecordOutcome.PASSED;
    }

    private static void drain(ResultSet rs) throws SQLException {
        try (rs) {
            while (rs.next()) {
                // Reading every row surfaces errors raised while the result is produced.
            }
        }
    }

    private RecordOutcome query(SltRecord.Query q) {
        List<List<String>> rows = new ArrayList<>();
        int columns;
        try (Statement st = connection.createStatement()) {
            running = st;
            if (!st.execute(q.sql())) {
                return RecordOutcome.failed("the query returned no result set (update count " + st.getUpdateCount()
                        + ")\n" + q.sql());
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                columns = meta.getColumnCount();
                if (columns != q.types().length()) {
                    return RecordOutcome.failed("expected " + q.types().length() + " columns (" + q.types()
                            + ") but the query returned " + columns + "\n" + q.sql());
                }
                while (rs.next()) {
                    List<String> row = new ArrayList<>(columns);
                    for (int c = 1; c <= columns; c++) {
                        row.add(SltValues.render(rs.getObject(c), q.types().charAt(c - 1)));
                    }
                    rows.add(row);
                }
            }
        } catch (SQLException e) {
            return RecordOutcome.failed("expected a result but got " + describe(e) + "\n" + q.sql(), e);
        } finally {
            running = null;
        }
        SltResult result = SltResult.of(columns, rows, q.sortMode());
        String mismatch = result.mismatch(q.expected());
        if (mismatch != null) {
            List<String> actual = new ArrayList<>(result.rowLines());
            if (result.asRecorded(hashThreshold).size() != result.values().size() || isHashLine(q.expected())) {
                actual.add(0, result.hashLine());
            }
            return RecordOutcome.failed(mismatch + "\n" + q.sql() + "\n--- expected\n" + shown(q.expected())
                    + "--- actual (" + rows.size() + " rows)\n" + shown(actual));
        }
        if (q.label() != null) {
            Labelled first = labels.putIfAbsent(q.label(), new Labelled(q.line(), result.hash()));
            if (first != null && !first.hash().equals(result.hash())) {
                return RecordOutcome.failed("label " + q.label() + ": result differs from the query at line "
                        + first.line() + "\n" + q.sql());
            }
        }
        return RecordOutcome.PASSED;
    }

    private static boolean isHashLine(List<String> expected) {
        return expected.size() == 1 && expected.get(0).contains(" values hashing to ");
    }

    private static String shown(List<String> lines) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(SHOWN_LINES, lines.size()); i++) {
            out.append(lines.get(i)).append('\n');
        }
        if (lines.size() > SHOWN_LINES) {
            out.append("... ").append(lines.size() - SHOWN_LINES).append(" more lines\n");
        }
        return out.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private static String describe(SQLException e) {
        return "SQLSTATE " + e.getSQLState() + ": " + e.getMessage();
    }

    /** A line for the per-file summary. */
    public String summary() {
        return String.format("%s: %d records run, %d passed, %d failed, %d skipped",
                script.name(), passed + failed, passed, failed, skipped);
    }

    @Override
    public void close() {
        worker.shutdownNow();
        if (broken == null) {
            for (Connection c : connections.values()) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // The run is over; a failure to close does not change its outcome.
                }
            }
        }
        connections.clear();
        connection = null;
    }
}
