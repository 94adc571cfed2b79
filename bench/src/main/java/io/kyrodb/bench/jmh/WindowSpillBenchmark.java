package io.kyrodb.bench.jmh;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * A window query over one partition of {@code rows} rows (about 100 bytes each) through JDBC on an
 * in-memory database: a sliding {@code sum} over 21 rows and a {@code lag} 1,000 rows back, folded
 * to one row. With {@code work_mem=64MB} the partition is held in memory; with {@code 256kB} it is
 * written to a spill file and read back by position ({@code SpilledRows}): the difference is the
 * cost of spilling a window partition.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Thread)
public class WindowSpillBenchmark {
    static final String QUERY = "SELECT sum(s), min(l) FROM (SELECT sum(v) OVER (ORDER BY id ROWS BETWEEN 10"
            + " PRECEDING AND 10 FOLLOWING) AS s, lag(v, 1000) OVER (ORDER BY id) AS l, pad FROM t) q";

    @Param({"64MB", "256kB"})
    public String workMem;

    @Param({"100000"})
    public int rows;

    private Connection c;
    private Statement st;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        st = c.createStatement();
        st.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT, pad TEXT)");
        st.execute("INSERT INTO t SELECT g, g % 1000, repeat('x', 64) FROM generate_series(1, " + rows + ") g");
        st.execute("SET work_mem = '" + workMem + "'");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        c.close();
    }

    @Benchmark
    public long slidingSumAndLag() throws SQLException {
        try (ResultSet rs = st.executeQuery(QUERY)) {
            rs.next();
            return rs.getLong(1) + rs.getLong(2);
        }
    }
}
