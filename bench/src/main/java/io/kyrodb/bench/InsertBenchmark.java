package io.kyrodb.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Creates {@code kv} and loads every row of the data set with one prepared INSERT, in JDBC batches
 * ({@code addBatch}/{@code executeBatch}). Each batch is one transaction ({@code setAutoCommit(false)},
 * executeBatch, commit) where the engine has transactions; an engine whose
 * {@code setAutoCommit(false)} throws {@link SQLFeatureNotSupportedException} runs its batches in
 * autocommit mode instead, and the result says so. The figure is wall time from the first row bound
 * to the last batch committed.
 */
public final class InsertBenchmark implements Workload {

    private final int batchSize;
    private final TimeLimit timeLimit;

    public InsertBenchmark(int batchSize, TimeLimit timeLimit) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        this.batchSize = batchSize;
        this.timeLimit = timeLimit;
    }

    @Override
    public String name() {
        return "load";
    }

    @Override
    public String method() {
        return String.format(Locale.ROOT, "CREATE TABLE kv, then (after an untimed warm-up: the first"
                + " fifth of the rows, at most 100,000, into a scratch table, dropped) every row with one prepared INSERT,"
                + " addBatch/executeBatch of %,d rows, each batch a transaction (setAutoCommit(false),"
                + " executeBatch, commit); rows/s is wall time from the first row bound to the last commit", batchSize);
    }

    @Override
    public WorkloadResult run(BenchDatabase database, Dataset data, PrintStream log) throws SQLException {
        Connection connection = database.connection();
        try (Statement statement = connection.createStatement()) {
            statement.execute(Dataset.CREATE_TABLE);
        }
        List<String> notes = new ArrayList<>();
        boolean transactions = beginTransactions(connection);
        if (!transactions) {
            notes.add("batches ran in autocommit, as setAutoCommit(false) threw"
                    + " SQLFeatureNotSupportedException: each executeBatch commits its rows before it returns");
        }
        int rows = data.rows();
        warmUp(connection, data, transactions, Math.min(100_000, rows / 5));
        int reportEvery = Math.max(rows / 10, batchSize);
        int nextReport = reportEvery;
        long inserted = 0;
        long start = System.nanoTime();
        try (PreparedStatement insert = connection.prepareStatement(Dataset.INSERT)) {
            int pending = 0;
            for (int i = 0; i < rows; i++) {
                long id = data.idAt(i);
                insert.setLong(1, id);
                insert.setString(2, data.valOf(id));
                insert.setInt(3, data.nOf(id));
                insert.addBatch();
                if (++pending == batchSize || i == rows - 1) {
                    inserted += checkedCount(insert.executeBatch(), pending, i + 1);
                    if (transactions) {
                        connection.commit();
                    }
                    pending = 0;
                    timeLimit.check(start, String.format(Locale.ROOT, "%,d of %,d rows inserted", i + 1, rows));
                    if (i + 1 >= nextReport && i + 1 < rows) {
                        nextReport += reportEvery;
                        double seconds = (System.nanoTime() - start) / 1e9;
                        log.printf("    %,d / %,d rows, %,.0f rows/s so far%n", i + 1, rows, (i + 1) / seconds);
                    }
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (transactions) {
            connection.setAutoCommit(true);
        }
        if (inserted != rows) {
            throw new WrongResultException("insert reported " + inserted + " rows, expected " + rows);
        }
        return new WorkloadResult(List.of(
                new Measurement("insert_rows_per_s", "insert rows/s", rows / seconds, 0),
                new Measurement("load_s", "load s", seconds, 2)),
                List.of(transactions ? "tx per batch" : "autocommit batches"), notes);
    }

    /**
     * Untimed: the same inserts into a scratch table, dropped afterwards, so that the measured load
     * does not pay for the JIT compiling this engine's insert path (engines share one JVM; without
     * it the first engine of a run looks slower than it is).
     */
    private void warmUp(Connection connection, Dataset data, boolean transactions, int rows) throws SQLException {
        if (rows <= 0) {
            return;
        }
        String table = "kv_warmup";
        try (Statement statement = connection.createStatement()) {
            statement.execute(Dataset.CREATE_TABLE.replace("kv (", table + " ("));
        }
        if (transactions) {
            connection.commit();
        }
        try (PreparedStatement insert = connection.prepareStatement(Dataset.INSERT.replace("INTO kv ", "INTO " + table + " "))) {
            int pending = 0;
            for (int i = 0; i < rows; i++) {
                long id = data.idAt(i);
                insert.setLong(1, id);
                insert.setString(2, data.valOf(id));
                insert.setInt(3, data.nOf(id));
                insert.addBatch();
                if (++pending == batchSize || i == rows - 1) {
                    insert.executeBatch();
                    if (transactions) {
                        connection.commit();
                    }
                    pending = 0;
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE " + table);
        }
        if (transactions) {
            connection.commit();
        }
    }

    private static boolean beginTransactions(Connection connection) throws SQLException {
        try {
            connection.setAutoCommit(false);
            return true;
        } catch (SQLFeatureNotSupportedException e) {
            return false;
        }
    }

    /** Rows a batch inserted, from its update counts; a count other than 1 is a wrong result. */
    private static int checkedCount(int[] counts, int expected, int rowsSoFar) {
        if (counts.length != expected) {
            throw new WrongResultException("executeBatch returned " + counts.length
                    + " update counts for a batch of " + expected + " (rows up to " + rowsSoFar + ")");
        }
        for (int count : counts) {
            if (count != 1 && count != Statement.SUCCESS_NO_INFO) {
                throw new WrongResultException("executeBatch reported an update count of " + count
                        + " for a single-row INSERT (rows up to " + rowsSoFar + ")");
            }
        }
        return counts.length;
    }
}
