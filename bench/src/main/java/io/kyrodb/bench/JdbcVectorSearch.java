package io.kyrodb.bench;

import io.kyrodb.engine.vector.VectorDistance;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * KyroDB as an application uses it: the vectors in a table {@code items (id integer PRIMARY KEY,
 * v vector(n))} of an in-memory database, loaded through JDBC batch inserts, then
 * {@code CREATE INDEX ... USING hnsw (v <opclass>) WITH (m, ef_construction)}; each query is a
 * {@code SELECT id FROM items ORDER BY v <op> ? LIMIT k} through one {@link PreparedStatement} with
 * the query bound as a {@code float[]}. {@link #search} sets {@code hnsw.ef_search} and must be
 * answered by the graph walk ({@link #strategy} reads it back from EXPLAIN ANALYZE);
 * {@link #exact} sets {@code hnsw.exact_threshold} past the table's size, so the same statement is
 * KyroDB's exact search. One connection, used by one thread.
 */
final class JdbcVectorSearch implements AutoCloseable {
    /** A threshold no table here reaches: every execution searches exactly. */
    private static final int ALWAYS_EXACT = 2_000_000_000;

    private final Connection connection;
    private final PreparedStatement query;
    private final PreparedStatement explain;
    private final double loadSeconds;
    private final double indexSeconds;
    private final StrategyLog strategies = new StrategyLog();
    private int currentEf = -1;
    private boolean currentExact;

    JdbcVectorSearch(List<float[]> base, VectorDistance distance, int k, int m, int efConstruction)
            throws SQLException {
        connection = DriverManager.getConnection("jdbc:kyro:mem:");
        int dims = base.get(0).length;
        long t0 = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE TABLE items (id integer PRIMARY KEY, v vector(" + dims + ") NOT NULL)");
        }
        connection.setAutoCommit(false);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO items VALUES (?, ?)")) {
            for (int i = 0; i < base.size(); i++) {
                insert.setInt(1, i);
                insert.setObject(2, base.get(i));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                    connection.commit();
                }
            }
            insert.executeBatch();
            connection.commit();
        }
        connection.setAutoCommit(true);
        loadSeconds = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.executeUpdate("CREATE INDEX items_v ON items USING hnsw (v " + distance.opclass() + ") WITH (m = " + m
                    + ", ef_construction = " + efConstruction + ")");
        }
        String sql = "SELECT id FROM items ORDER BY v " + distance.operator() + " ? LIMIT " + k;
        query = connection.prepareStatement(sql);
        explain = connection.prepareStatement("EXPLAIN ANALYZE " + sql);
        awaitGraph(base.get(0));
        indexSeconds = (System.nanoTime() - t0) / 1e9;
    }

    /**
     * Waits until a query is answered by the graph walk: a CREATE INDEX outside a transaction block
     * returns with its graph built, but the rows committed during the build sit in the index's
     * delta (searched exactly) until the background refresh moves them into the graph.
     */
    private void awaitGraph(float[] probe) throws SQLException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        String s;
        while (!(s = strategy(probe, 40)).startsWith("hnsw") || !s.endsWith("from the delta of 0)")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the HNSW index was not ready after 10 minutes: " + s);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the HNSW index", e);
            }
        }
    }

    double loadSeconds() {
        return loadSeconds;
    }

    /** CREATE INDEX until the first query the graph walk answered. */
    double indexSeconds() {
        return indexSeconds;
    }

    /** The query's top {@code k} ids through the HNSW index with {@code SET hnsw.ef_search = ef}. */
    long[] search(float[] q, int ef) throws SQLException {
        configure(ef, false);
        return run(q);
    }

    /** The query's exact top {@code k} ids (the same statement, {@code hnsw.exact_threshold} past the table). */
    long[] exact(float[] q) throws SQLException {
        configure(currentEf < 0 ? 40 : currentEf, true);
        return run(q);
    }

    /** The Strategy line EXPLAIN ANALYZE reports for the query at {@code ef} (the HNSW mode). */
    String strategy(float[] q, int ef) throws SQLException {
        configure(ef, false);
        explain.setObject(1, q);
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = explain.executeQuery()) {
            while (rs.next()) {
                String line = rs.getString(1).strip();
                plan.append(line).append('\n');
                if (line.startsWith("Strategy: ")) {
                    return line.substring("Strategy: ".length());
                }
            }
        }
        throw new IllegalStateException("EXPLAIN ANALYZE shows no Strategy line (is the index used?):\n" + plan);
    }

    /**
     * Throws unless the query at {@code ef} is answered by the graph walk with that ef_search (EXPLAIN
     * ANALYZE), then counts the strategies of the executions that follow, from the engine's FINE log
     * of each execution, until {@link #checkCounted}.
     */
    void checkWalk(float[] q, int ef) throws SQLException {
        String s = strategy(q, ef);
        if (!s.startsWith(walk(ef))) {
            throw new IllegalStateException("expected the HNSW walk at ef_search " + ef + ", EXPLAIN ANALYZE says: " + s);
        }
        strategies.start(walk(ef));
    }

    /** Throws unless each of the {@code executions} since {@link #checkWalk} was the graph walk. */
    void checkCounted(int executions) {
        strategies.stop();
        if (strategies.walks != executions || strategies.other != null) {
            throw new IllegalStateException(executions + " queries ran, " + strategies.walks + " by the expected graph walk; "
                    + (strategies.other == null ? "" : "another strategy: " + strategies.other));
        }
    }

    private static String walk(int ef) {
        return String.format(Locale.ROOT, "hnsw (ef_search %d,", ef);
    }

    /** Counts the HNSW scan's per-execution strategy lines (logged at FINE while counting). */
    private static final class StrategyLog extends java.util.logging.Handler {
        private final java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.kyrodb.engine.exec.HnswScanNode");
        private String expected;
        private int walks;
        private String other;

        void start(String expectedPrefix) {
            expected = "items_v: " + expectedPrefix;
            walks = 0;
            other = null;
            setLevel(java.util.logging.Level.FINE);
            log.addHandler(this);
            log.setLevel(java.util.logging.Level.FINE);
        }

        void stop() {
            log.setLevel(null);
            log.removeHandler(this);
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            if (r.getMessage().startsWith(expected)) {
                walks++;
            } else if (other == null) {
                other = r.getMessage();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    private void configure(int ef, boolean exact) throws SQLException {
        if (ef == currentEf && exact == currentExact) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            if (ef != currentEf) {
                s.execute("SET hnsw.ef_search = " + ef);
            }
            if (exact != currentExact) {
                s.execute(exact ? "SET hnsw.exact_threshold = " + ALWAYS_EXACT : "RESET hnsw.exact_threshold");
            }
        }
        currentEf = ef;
        currentExact = exact;
    }

    private long[] run(float[] q) throws SQLException {
        query.setObject(1, q);
        long[] ids = new long[16];
        int n = 0;
        try (ResultSet rs = query.executeQuery()) {
            while (rs.next()) {
                if (n == ids.length) {
                    ids = Arrays.copyOf(ids, 2 * n);
                }
                ids[n++] = rs.getInt(1);
            }
        }
        return Arrays.copyOf(ids, n);
    }

    @Override
    public void close() throws SQLException {
        query.close();
        explain.close();
        connection.close();
    }
}
