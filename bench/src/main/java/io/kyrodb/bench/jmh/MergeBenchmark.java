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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * An upsert of {@code batch} rows into a table of {@code rows} keys, three ways, through JDBC on a
 * private in-memory database (CPU, not fsync): {@code merge} (MERGE ... WHEN MATCHED THEN UPDATE
 * WHEN NOT MATCHED THEN INSERT), {@code onConflict} (INSERT ... ON CONFLICT DO UPDATE) and
 * {@code updateThenInsert} (UPDATE ... FROM, then INSERT ... WHERE NOT EXISTS, in one transaction).
 * Each call takes the next {@code batch} keys of a window twice the table's size, so about half
 * of them exist at first and all of them once the table has filled it.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
@State(Scope.Thread)
public class MergeBenchmark {
    @Param({"100000"})
    public int rows;

    @Param({"1000"})
    public int batch;

    private Connection c;
    private PreparedStatement merge;
    private PreparedStatement onConflict;
    private PreparedStatement update;
    private PreparedStatement insert;
    private long next;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT, note TEXT)");
            s.execute("INSERT INTO t SELECT g * 2, g, 'seed' FROM generate_series(0, " + (rows - 1) + ") g");
        }
        String batchRows = "(SELECT g AS id, g % 97 AS v FROM generate_series(?::bigint, ?::bigint) g)";
        merge = c.prepareStatement("MERGE INTO t USING " + batchRows + " b ON t.id = b.id"
                + " WHEN MATCHED THEN UPDATE SET v = b.v WHEN NOT MATCHED THEN INSERT VALUES (b.id, b.v, 'new')");
        onConflict = c.prepareStatement("INSERT INTO t SELECT id, v, 'new' FROM " + batchRows + " b"
                + " ON CONFLICT (id) DO UPDATE SET v = EXCLUDED.v");
        update = c.prepareStatement("UPDATE t SET v = b.v FROM " + batchRows + " b WHERE t.id = b.id");
        insert = c.prepareStatement("INSERT INTO t SELECT id, v, 'new' FROM " + batchRows + " b"
                + " WHERE NOT EXISTS (SELECT 1 FROM t WHERE t.id = b.id)");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        c.close();
    }

    private long bind(PreparedStatement p) throws SQLException {
        long from = next;
        next = (next + batch) % (2L * rows);
        p.setLong(1, from);
        p.setLong(2, from + batch - 1);
        return from;
    }

    @Benchmark
    public int merge() throws SQLException {
        bind(merge);
        return merge.executeUpdate();
    }

    @Benchmark
    public int onConflict() throws SQLException {
        bind(onConflict);
        return onConflict.executeUpdate();
    }

    @Benchmark
    public int updateThenInsert() throws SQLException {
        long from = bind(update);
        insert.setLong(1, from);
        insert.setLong(2, from + batch - 1);
        c.setAutoCommit(false);
        try {
            int n = update.executeUpdate() + insert.executeUpdate();
            c.commit();
            return n;
        } finally {
            c.setAutoCommit(true);
        }
    }
}
