package io.kyrodb.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * The fixed cost of one short statement through JDBC, on a database directory whose rows were
 * checkpointed into runs: a primary-key lookup of one row
 * ({@code SELECT id, name, balance FROM accounts WHERE id = ...}, 10,000 rows) the four ways
 * applications send it, and the analytic bench's q13 on a smaller copy of its tables
 * ({@code keyRangeJoin}: 20,000 orders, 80,000 lineitems keyed (order_id, line_no); the lines of
 * 101 consecutive orders, counted and summed, by a plain {@code Statement} with the same text).
 * <ul>
 *   <li>{@code statementSameText}: a plain {@code Statement} with the same text each time (a
 *       dashboard's or a health check's query; the analytic bench's q13 is this kind);</li>
 *   <li>{@code statementNewText}: a plain {@code Statement} whose literal changes each call
 *       (concatenated SQL: every text is new, so nothing can be reused);</li>
 *   <li>{@code preparedOnce}: one {@code PreparedStatement} run again with a new parameter;</li>
 *   <li>{@code preparedPerCall}: prepared, run and closed on every call, as Spring's
 *       {@code JdbcTemplate} and Hibernate do without a statement cache in the pool.</li>
 * </ul>
 * {@code insertAutocommit} and {@code updateAutocommit} are one-row writes in autocommit through a
 * {@code PreparedStatement} prepared once (a new key per INSERT into a table that grows, the balance
 * of one account per UPDATE): each call commits, so with the default {@code sync} each one waits for
 * an fsync; {@code -p sync=off} measures what is left, the statement's own fixed cost.
 * {@code -p cache=0} runs them with the session's statement cache off ({@code statement_cache_size=0}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
@State(Scope.Thread)
public class ShortStatementBenchmark {
    private static final String LOOKUP = "SELECT id, name, balance FROM accounts WHERE id = ?";
    private static final int ROWS = 10_000;

    /** statement_cache_size for the connection; "default" leaves the setting out of the URL. */
    @Param({"default"})
    public String cache;

    /** The engine's sync setting; "default" leaves it out of the URL (fsync at each commit). */
    @Param({"default"})
    public String sync;

    private java.nio.file.Path dir;
    private Connection c;
    private Statement statement;
    private PreparedStatement prepared;
    private PreparedStatement insert;
    private PreparedStatement update;
    private int next;
    private int inserted;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("kyro-short-bench");
        String url = "jdbc:kyro:file:" + dir.resolve("db") + (cache.equals("default") ? "" : ";statement_cache_size=" + cache)
                + (sync.equals("default") ? "" : ";sync=" + sync);
        c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, name TEXT NOT NULL, balance BIGINT NOT NULL)");
            s.execute("CREATE TABLE events (id BIGINT PRIMARY KEY, kind TEXT NOT NULL, amount INT NOT NULL)");
            s.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, order_day INTEGER NOT NULL)");
            s.execute("CREATE TABLE lineitems (order_id INTEGER NOT NULL, line_no INTEGER NOT NULL, quantity INTEGER NOT NULL,"
                    + " PRIMARY KEY (order_id, line_no))");
            s.execute("INSERT INTO orders SELECT g, g % 997, g % 365 FROM generate_series(1, 20000) g");
            s.execute("INSERT INTO lineitems SELECT o, l, (o * 7 + l) % 10 + 1 FROM generate_series(1, 20000) o,"
                    + " generate_series(1, 4) l");
        }
        c.setAutoCommit(false);
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)")) {
            for (int i = 1; i <= ROWS; i++) {
                insert.setInt(1, i);
                insert.setString(2, "account " + i);
                insert.setLong(3, i * 100L);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
            s.execute("CHECKPOINT");
        }
        statement = c.createStatement();
        prepared = c.prepareStatement(LOOKUP);
        insert = c.prepareStatement("INSERT INTO events VALUES (?, ?, ?)");
        update = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        c.close();
        try (var files = java.nio.file.Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private int nextKey() {
        next = next % ROWS + 1;
        return next;
    }

    @Benchmark
    public long statementSameText() throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT id, name, balance FROM accounts WHERE id = 4321")) {
            return read(rs);
        }
    }

    @Benchmark
    public long statementNewText() throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT id, name, balance FROM accounts WHERE id = " + nextKey())) {
            return read(rs);
        }
    }

    @Benchmark
    public long preparedOnce() throws SQLException {
        prepared.setInt(1, nextKey());
        try (ResultSet rs = prepared.executeQuery()) {
            return read(rs);
        }
    }

    @Benchmark
    public long preparedPerCall() throws SQLException {
        try (PreparedStatement p = c.prepareStatement(LOOKUP)) {
            p.setInt(1, nextKey());
            try (ResultSet rs = p.executeQuery()) {
                return read(rs);
            }
        }
    }

    @Benchmark
    public long keyRangeJoin() throws SQLException {
        try (ResultSet rs = statement.executeQuery("SELECT COUNT(*), SUM(l.quantity) FROM orders o JOIN lineitems l"
                + " ON l.order_id = o.id WHERE o.id BETWEEN 1000 AND 1100")) {
            rs.next();
            return rs.getLong(1) + rs.getLong(2);
        }
    }

    @Benchmark
    public int insertAutocommit() throws SQLException {
        inserted++;
        insert.setLong(1, inserted);
        insert.setString(2, "click");
        insert.setInt(3, inserted % 100);
        return insert.executeUpdate();
    }

    @Benchmark
    public int updateAutocommit() throws SQLException {
        update.setLong(1, 1);
        update.setInt(2, nextKey());
        return update.executeUpdate();
    }

    private static long read(ResultSet rs) throws SQLException {
        long sum = 0;
        while (rs.next()) {
            sum += rs.getInt(1) + rs.getString(2).length() + rs.getLong(3);
        }
        return sum;
    }
}
