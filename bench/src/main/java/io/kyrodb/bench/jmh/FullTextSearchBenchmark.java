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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * Keyword search through JDBC over the Debian package corpus (../shared/datasets, title and
 * description of each package: 63,666 short English documents, {@code rows} of them): the RAG
 * query {@code SELECT id, ts_rank(tsv, q) ... WHERE tsv @@ q ORDER BY rank DESC LIMIT 10} and a
 * {@code count(*)} of the matches, each with the GIN index ({@code *Gin}) and with
 * {@code enable_indexscan = off} ({@code *Scan}, every row's tsvector checked). The two plans'
 * answers are compared once at setup. Run: {@code bin/bench jmh FullTextSearchBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@State(Scope.Benchmark)
public class FullTextSearchBenchmark {
    private static final String RAG = "SELECT id, ts_rank(tsv, websearch_to_tsquery('english', ?)) AS r FROM docs"
            + " WHERE tsv @@ websearch_to_tsquery('english', ?) ORDER BY r DESC, id LIMIT 10";
    private static final String COUNT = "SELECT count(*) FROM docs WHERE tsv @@ websearch_to_tsquery('english', ?)";

    @Param({"63666"})
    public int rows;

    /** A web-search query, as a user types it. */
    @Param({"network file system"})
    public String query;

    private Connection gin;
    private Connection scan;

    @Setup(Level.Trial)
    public void load() throws SQLException, IOException {
        Path corpus = Path.of(System.getProperty("kyro.bench.root", "."), "..", "shared", "datasets", "debian-packages",
                "debian-packages.jsonl.gz");
        if (!Files.exists(corpus)) {
            throw new IllegalStateException("needs the Debian corpus at " + corpus.toAbsolutePath().normalize());
        }
        gin = DriverManager.getConnection("jdbc:kyro:mem:fts_bench");
        scan = DriverManager.getConnection("jdbc:kyro:mem:fts_bench");
        try (Statement s = gin.createStatement()) {
            s.execute("DROP TABLE IF EXISTS docs");
            s.execute("CREATE TABLE docs (id integer PRIMARY KEY, body text, tsv tsvector)");
            // before the rows: the index is maintained per batch (building it over 63k documents in one
            // CREATE INDEX transaction needs about 600 MB of transaction_memory)
            s.execute("CREATE INDEX docs_tsv ON docs USING gin (tsv)");
        }
        gin.setAutoCommit(false);
        int n = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(corpus)),
                StandardCharsets.UTF_8));
             PreparedStatement ins = gin.prepareStatement("INSERT INTO docs VALUES (?, ?, to_tsvector('english', ?))")) {
            for (String line; n < rows && (line = r.readLine()) != null; ) {
                String text = field(line, "title") + "\n" + field(line, "description");
                ins.setInt(1, n);
                ins.setString(2, text);
                ins.setString(3, text);
                ins.addBatch();
                if (++n % 2000 == 0) {
                    ins.executeBatch();
                    gin.commit();
                }
            }
            ins.executeBatch();
        }
        gin.commit();
        gin.setAutoCommit(true);
        try (Statement s = gin.createStatement()) {
            s.execute("ANALYZE docs");
        }
        try (Statement s = scan.createStatement()) {
            s.execute("SET enable_indexscan = off");
        }
        if (count(gin) != count(scan) || !top(gin).equals(top(scan))) {
            throw new IllegalStateException("the GIN plan and the scan disagree for " + query);
        }
        System.out.println("\n" + n + " documents; '" + query + "' matches " + count(gin));
    }

    /** One string field of a flat JSON line (the corpus has no nested objects). */
    private static String field(String json, String name) {
        int at = json.indexOf("\"" + name + "\": \"");
        if (at < 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = at + name.length() + 5; i < json.length(); i++) {
            char ch = json.charAt(i);
            if (ch == '"') {
                break;
            }
            if (ch == '\\' && i + 1 < json.length()) {
                char e = json.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> e;
                });
                if (e == 'u' && i + 4 < json.length()) {
                    sb.setLength(sb.length() - 1);
                    sb.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                continue;
            }
            sb.append(ch);
        }
        return sb.toString();
    }

    @TearDown(Level.Trial)
    public void close() throws SQLException {
        scan.close();
        gin.close();
    }

    private long count(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(COUNT)) {
            p.setString(1, query);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private String top(Connection c) throws SQLException {
        StringBuilder sb = new StringBuilder();
        try (PreparedStatement p = c.prepareStatement(RAG)) {
            p.setString(1, query);
            p.setString(2, query);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    sb.append(rs.getInt(1)).append(':').append(rs.getFloat(2)).append(' ');
                }
            }
        }
        return sb.toString();
    }

    @Benchmark
    public String ragGin() throws SQLException {
        return top(gin);
    }

    @Benchmark
    public String ragScan() throws SQLException {
        return top(scan);
    }

    @Benchmark
    public long countGin() throws SQLException {
        return count(gin);
    }

    @Benchmark
    public long countScan() throws SQLException {
        return count(scan);
    }
}
