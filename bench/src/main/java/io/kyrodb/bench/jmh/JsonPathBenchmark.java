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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Filtering document metadata with SQL/JSON path against the jsonb operators it replaces, through
 * JDBC on an in-memory table of {@code rows} documents ({@code {"lang", "year", "tags": [...],
 * "authors": [{"name", "year"}, ...]}}, seeded): a full-scan {@code count(*)} with
 * {@code meta @@ '$.lang == "en"'} ({@code pathMatch}) vs {@code meta @> '{"lang": "en"}'}
 * ({@code containment}), and {@code meta @? '$.authors[*] ? (@.year < 2000)'} ({@code pathFilter}),
 * which the jsonb operators cannot say. Each answer is checked against the count from the data.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
@State(Scope.Thread)
public class JsonPathBenchmark {
    @Param({"20000"})
    public int rows;

    private Connection c;
    private PreparedStatement pathMatch;
    private PreparedStatement containment;
    private PreparedStatement pathFilter;
    private long english;
    private long oldAuthors;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        c = DriverManager.getConnection("jdbc:kyro:mem:");
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE docs (id integer PRIMARY KEY, meta jsonb)");
        }
        SplittableRandom random = new SplittableRandom(42);
        c.setAutoCommit(false);
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO docs VALUES (?, ?::jsonb)")) {
            for (int i = 0; i < rows; i++) {
                boolean en = random.nextInt(3) == 0;
                english += en ? 1 : 0;
                StringBuilder authors = new StringBuilder();
                boolean old = false;
                int n = random.nextInt(4);
                for (int a = 0; a < n; a++) {
                    int year = 1950 + random.nextInt(75);
                    old |= year < 2000;
                    authors.append(a == 0 ? "" : ",").append("{\"name\":\"a").append(a).append("\",\"year\":").append(year).append('}');
                }
                oldAuthors += old ? 1 : 0;
                ins.setInt(1, i);
                ins.setString(2, "{\"lang\":\"" + (en ? "en" : "de") + "\",\"year\":" + (1990 + random.nextInt(35))
                        + ",\"tags\":[\"t" + random.nextInt(50) + "\",\"t" + random.nextInt(50) + "\"],\"authors\":[" + authors + "]}");
                ins.addBatch();
            }
            ins.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        pathMatch = c.prepareStatement("SELECT count(*) FROM docs WHERE meta @@ '$.lang == \"en\"'");
        containment = c.prepareStatement("SELECT count(*) FROM docs WHERE meta @> '{\"lang\": \"en\"}'");
        pathFilter = c.prepareStatement("SELECT count(*) FROM docs WHERE meta @? '$.authors[*] ? (@.year < 2000)'");
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        c.close();
    }

    @Benchmark
    public long pathMatch() throws SQLException {
        return count(pathMatch, english);
    }

    @Benchmark
    public long containment() throws SQLException {
        return count(containment, english);
    }

    @Benchmark
    public long pathFilter() throws SQLException {
        return count(pathFilter, oldAuthors);
    }

    private static long count(PreparedStatement ps, long expected) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            long n = rs.getLong(1);
            if (n != expected) {
                throw new IllegalStateException("counted " + n + " rows, expected " + expected);
            }
            return n;
        }
    }
}
