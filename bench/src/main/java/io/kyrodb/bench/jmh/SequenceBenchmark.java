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

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * What sequences cost, through JDBC on a database directory with {@code sync=on}:
 * {@code nextval} ({@code SELECT nextval('s')}, prepared; one fsynced WAL record per 32 values)
 * and one row inserted into a table whose key is a {@code BIGSERIAL} default against one whose
 * key the client supplies ({@code serialKey} vs {@code explicitKey}; rows commit 1,000 at a
 * time, so the figure is the per-row cost, not a commit's fsync).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
@State(Scope.Thread)
public class SequenceBenchmark {
    @Param({"on"})
    public String sync;

    private Path dir;
    private Connection c;
    private PreparedStatement nextval;
    private PreparedStatement serialInsert;
    private PreparedStatement explicitInsert;
    private long explicitId;
    private int pending;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Files.createTempDirectory("kyro-seq-bench");
        c = DriverManager.getConnection("jdbc:kyro:file:" + dir.resolve("db") + ";sync=" + sync);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE s");
            s.execute("CREATE TABLE serial_t (id BIGSERIAL PRIMARY KEY, v TEXT)");
            s.execute("CREATE TABLE explicit_t (id BIGINT PRIMARY KEY, v TEXT)");
        }
        nextval = c.prepareStatement("SELECT nextval('s')");
        serialInsert = c.prepareStatement("INSERT INTO serial_t (v) VALUES (?)");
        explicitInsert = c.prepareStatement("INSERT INTO explicit_t (id, v) VALUES (?, ?)");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        c.close();
    }

    @Benchmark
    public long nextval() throws SQLException {
        try (ResultSet rs = nextval.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Benchmark
    public int serialKey() throws SQLException {
        begin();
        serialInsert.setString(1, "value");
        return serialInsert.executeUpdate() + commitSometimes();
    }

    @Benchmark
    public int explicitKey() throws SQLException {
        begin();
        explicitInsert.setLong(1, ++explicitId);
        explicitInsert.setString(2, "value");
        return explicitInsert.executeUpdate() + commitSometimes();
    }

    private void begin() throws SQLException {
        if (c.getAutoCommit()) {
            c.setAutoCommit(false);
        }
    }

    private int commitSometimes() throws SQLException {
        if (++pending == 1000) {
            c.commit();
            pending = 0;
        }
        return pending;
    }
}
