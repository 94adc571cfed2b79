package io.kyrodb.tck.vectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * HNSW index scans through JDBC: the strategy each query ran (from HnswScanNode's FINE log line),
 * answers against the exact search, filters of every selectivity never short, commits searchable
 * at once while the background refresh runs, and a lost or corrupt index directory rebuilt.
 */
class HnswSearchTest {
    private static final int DIMS = 16;
    @RegisterExtension
    final ScanStrategyLog log = new ScanStrategyLog();
    private final List<String> strategies = log.lines();

    @TempDir
    Path dir;

    private static String vector(Random r) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < DIMS; i++) {
            sb.append(i == 0 ? "" : ",").append(Math.round(r.nextGaussian() * 1000) / 100.0);
        }
        return sb.append(']').toString();
    }

    private static void load(Connection c, int rows, long seed) throws SQLException {
        Random r = new Random(seed);
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id bigint PRIMARY KEY, cat integer, v vector(" + DIMS + "))");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?::vector)")) {
            for (int i = 0; i < rows; i++) {
                ps.setLong(1, i);
                ps.setInt(2, i % 100);
                ps.setString(3, vector(r));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** (id, distance) rows of a k-NN query. */
    private static List<double[]> knn(Statement s, String where, String q, int k) throws SQLException {
        List<double[]> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT id, v <-> '" + q + "' FROM items " + where + " ORDER BY v <-> '"
                + q + "' LIMIT " + k)) {
            while (rs.next()) {
                out.add(new double[]{rs.getLong(1), rs.getDouble(2)});
            }
        }
        return out;
    }

    private static double recall(List<double[]> got, List<double[]> want) {
        if (want.isEmpty()) {
            return 1;
        }
        double kth = want.get(want.size() - 1)[1];
        return (double) got.stream().filter(g -> g[1] <= kth + 1e-9).count() / want.size();
    }

    private long strategiesLike(String prefix) {
        return strategies.stream().filter(m -> m.contains(": " + prefix)).count();
    }

    @Test
    void theIndexAnswersLikeTheExactSearchAndFiltersNeverMakeItShort() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            load(c, 4000, 7);
            s.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)");
            List<String> listed = new ArrayList<>();
            try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, "items", false, false)) {
                while (rs.next()) {
                    listed.add(rs.getString("INDEX_NAME") + "(" + rs.getString("COLUMN_NAME") + ")");
                }
            }
            assertThat(listed).as("tools list the index (DBeaver, \\d)").contains("items_v(v)");
            Random r = new Random(11);
            double sum = 0;
            int queries = 30;
            for (int i = 0; i < queries; i++) {
                String q = vector(r);
                s.execute("SET hnsw.exact_threshold = 100000");
                List<double[]> want = knn(s, "", q, 10);
                s.execute("RESET hnsw.exact_threshold");
                List<double[]> got = knn(s, "", q, 10);
                assertThat(got).hasSize(10);
                sum += recall(got, want);
            }
            assertThat(sum / queries).as("recall@10 through the index").isGreaterThanOrEqualTo(0.95);
            assertThat(strategiesLike("hnsw (")).as(strategies.toString()).isEqualTo(queries);
            assertThat(strategiesLike("exact (fewer rows than")).isEqualTo(queries);

            // 200 rows match: below the threshold, the rows read to count them give the exact answer.
            strategies.clear();
            String q = vector(r);
            s.execute("SET hnsw.exact_threshold = 100000");
            List<double[]> exact = knn(s, "WHERE cat < 5", q, 10);
            s.execute("RESET hnsw.exact_threshold");
            assertThat(knn(s, "WHERE cat < 5", q, 10)).usingRecursiveComparison().isEqualTo(exact);
            assertThat(strategies.get(1)).contains("exact (200 rows match");

            // Walking the graph with filters of 0.025% .. 50% of the rows: min(k, matching) rows, all matching.
            s.execute("SET hnsw.exact_threshold = 0");
            for (String where : List.of("WHERE id = 17", "WHERE cat = 7", "WHERE cat < 10", "WHERE cat % 2 = 0",
                    "WHERE cat = 7 AND id > 3900", "WHERE cat = 1000")) {
                s.execute("SET hnsw.exact_threshold = 100000");
                List<double[]> want = knn(s, where, q, 10);
                s.execute("SET hnsw.exact_threshold = 0");
                List<double[]> got = knn(s, where, q, 10);
                assertThat(got).as(where).hasSize(want.size());
                assertThat(recall(got, want)).as(where).isGreaterThanOrEqualTo(0.9);
            }
            assertThat(strategiesLike("hnsw (")).isGreaterThan(0);
        }
    }

    @Test
    void commitsAreSearchableAtOnceWhileTheRefreshMovesThemIntoTheGraph() throws SQLException, InterruptedException {
        try (Connection writer = DriverManager.getConnection("jdbc:kyro:mem:hnswfresh");
             Connection reader = DriverManager.getConnection("jdbc:kyro:mem:hnswfresh");
             Statement w = writer.createStatement(); Statement s = reader.createStatement()) {
            load(writer, 2000, 3);
            w.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)");
            s.execute("SET hnsw.exact_threshold = 0");
            Random r = new Random(5);
            long deadline = System.nanoTime() + 2_500_000_000L;   // spans background refreshes (every second)
            for (int i = 0; i < 400 && (i < 50 || System.nanoTime() < deadline); i++) {
                String q = vector(r);
                long id = 10_000 + i;
                w.executeUpdate("INSERT INTO items VALUES (" + id + ", 1, '" + q + "')");
                List<double[]> got = knn(s, "", q, 1);
                assertThat(got.get(0)[0]).as("the row committed just now is the nearest").isEqualTo(id);
                if (i % 3 == 0) {
                    w.executeUpdate("DELETE FROM items WHERE id = " + id);
                    List<double[]> after = knn(s, "", q, 1);
                    assertThat(after.get(0)[0]).as("a deleted row is gone at once").isNotEqualTo(id);
                }
                if (i % 5 == 0) {
                    Thread.sleep(10);
                }
            }
            assertThat(strategiesLike("hnsw (")).isEqualTo(strategies.size());
        }
    }

    @Test
    void aLostOrCorruptIndexDirectoryIsRebuiltAndNeverServedHalfBuilt() throws Exception {
        String url = "jdbc:kyro:file:" + dir.resolve("db");
        Random r = new Random(9);
        String q = vector(r);
        List<double[]> want;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            load(c, 3000, 13);
            s.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)");
            s.execute("SET hnsw.exact_threshold = 100000");
            want = knn(s, "", q, 10);
        }
        for (String damage : List.of("delete", "corrupt")) {
            Path vectors = dir.resolve("db").resolve("vectors");
            try (Stream<Path> files = Files.walk(vectors)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    if (damage.equals("delete")) {
                        Files.delete(f);
                    } else {
                        Files.write(f, new byte[]{1, 2, 3, 4});
                    }
                }
            }
            strategies.clear();
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("SET hnsw.exact_threshold = 0");
                assertThat(knn(s, "", q, 10)).as("right at once (" + damage + ")").hasSize(10);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (strategiesLike("hnsw (") == 0 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                    knn(s, "", q, 10);
                }
                assertThat(strategiesLike("hnsw (")).as("rebuilt after " + damage + ": " + strategies).isGreaterThan(0);
                // The first query comes right after the open: exact while the graph is rebuilt (a fast machine may have
                // finished by then); never a walk of a half-built graph, whose answer would be short or wrong.
                assertThat(strategies.get(0)).as("searched exactly while rebuilding")
                        .containsAnyOf("exact (index not ready", "hnsw (");
                assertThat(recall(knn(s, "", q, 10), want)).isGreaterThanOrEqualTo(0.9);
            }
        }
    }
}
