package io.kyrodb.tck.vectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HNSW query path's shortcuts give what the exact search gives: rows the graph returns are
 * projected from their key and the index's distance (L2, inner product) without reading the row,
 * or read with the distance carried (other columns, a WHERE), or recomputed (cosine); the answers,
 * distances bit for bit and ties by primary key, equal the exact plan's, also with fresh commits in
 * the delta. One PreparedStatement follows SET hnsw.ef_search and index DDL between executions.
 * Vectors come from a small grid, so many rows share a vector (ties, and -0 next to 0).
 */
class HnswQueryPathTest {
    private static final long SEED = 20261129L;
    @RegisterExtension
    final ScanStrategyLog log = new ScanStrategyLog();
    private final List<String> strategies = log.lines();

    /** A vector of 4 elements from {-0, 0, 1, 2, -1}: few distinct vectors, many copies. */
    private static String vector(Random r) {
        String[] values = {"-0", "0", "1", "2", "-1"};
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 4; i++) {
            sb.append(i == 0 ? "" : ",").append(values[r.nextInt(values.length)]);
        }
        return sb.append(']').toString();
    }

    private static void load(Connection c, Random r, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id integer PRIMARY KEY, cat integer, v vector(4))");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?::vector)")) {
            for (int i = 0; i < rows; i++) {
                ps.setInt(1, i);
                ps.setInt(2, i % 7);
                ps.setString(3, vector(r));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    /** Every row of the result, each column as text and, for doubles, their exact bits. */
    private static List<String> rows(PreparedStatement ps, String q) throws SQLException {
        ps.setString(1, q);
        List<String> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object o = rs.getObject(i);
                    sb.append(i == 1 ? "" : " | ").append(o instanceof Double d ? d + "#" + Double.doubleToRawLongBits(d) : o);
                }
                out.add(sb.toString());
            }
        }
        return out;
    }

    /** Runs {@code sql} for {@code q} through the graph walk (checked) and exactly, and compares. */
    private void sameAsExact(Connection c, String sql, String q) throws SQLException {
        try (Statement s = c.createStatement(); PreparedStatement ps = c.prepareStatement(sql)) {
            s.execute("SET hnsw.exact_threshold = 1000000");
            strategies.clear();
            List<String> exact = rows(ps, q);
            s.execute("SET hnsw.exact_threshold = 0");
            strategies.clear();
            List<String> walked = rows(ps, q);
            assertThat(strategies).as(sql).hasSize(1);
            assertThat(strategies.get(0)).as(sql).contains(": hnsw (");
            assertThat(walked).as(sql + " for " + q + " (seed " + SEED + ")").isEqualTo(exact);
            assertThat(walked).as(sql).isNotEmpty();
        }
    }

    @Test
    void graphRowsProjectedFromKeyAndIndexDistanceEqualTheExactAnswer() throws SQLException {
        Random r = new Random(SEED);
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            load(c, r, 700);
            s.execute("SET hnsw.ef_search = 1000");   // the grid has 5^4 vectors at most: the walk finds them all
            for (String[] index : new String[][]{{"vector_l2_ops", "<->"}, {"vector_ip_ops", "<#>"},
                    {"vector_cosine_ops", "<=>"}}) {
                s.execute("CREATE INDEX items_v ON items USING hnsw (v " + index[0] + ")");
                String op = index[1];
                List<String> statements = List.of(
                        // key and distance only: the row is not read
                        "SELECT id, v " + op + " ?::vector AS d FROM items ORDER BY d LIMIT 25",
                        // another column: the row is read, the distance carried
                        "SELECT cat, v " + op + " ?::vector AS d, id FROM items ORDER BY d LIMIT 20 OFFSET 5",
                        // a WHERE: checked during the walk
                        "SELECT id, v " + op + " ?::vector AS d FROM items WHERE cat % 3 = 0 ORDER BY d LIMIT 15",
                        // the distance not selected
                        "SELECT id FROM items ORDER BY v " + op + " ?::vector LIMIT 30");
                for (int i = 0; i < 6; i++) {
                    String q = vector(r);
                    for (String sql : statements) {
                        sameAsExact(c, sql, q);
                    }
                }
                // Fresh commits sit in the delta (searched exactly, merged with the graph's rows).
                s.execute("SET hnsw.exact_threshold = 0");
                s.execute("INSERT INTO items VALUES (1000, 1, '[1,1,1,1]'), (1001, 2, '[-0,0,1,2]'), (1002, 3, NULL)");
                s.execute("UPDATE items SET v = '[2,2,-1,0]' WHERE id IN (3, 4, 5)");
                s.execute("DELETE FROM items WHERE id IN (6, 7)");
                for (int i = 0; i < 3; i++) {
                    String q = vector(r);
                    for (String sql : statements) {
                        sameAsExact(c, sql, q);
                    }
                }
                s.execute("DROP INDEX items_v");
                s.execute("DELETE FROM items WHERE id >= 1000");
            }
        }
    }

    @Test
    void onePreparedStatementFollowsEfSearchAndIndexChangesBetweenExecutions() throws SQLException {
        Random r = new Random(SEED + 1);
        try (Connection c = DriverManager.getConnection("jdbc:kyro:mem:"); Statement s = c.createStatement()) {
            load(c, r, 400);
            s.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)");
            s.execute("SET hnsw.exact_threshold = 0");
            String q = "[1,0,2,-1]";
            try (PreparedStatement ps = c.prepareStatement("SELECT id, v <-> ?::vector AS d FROM items ORDER BY d LIMIT 12");
                 PreparedStatement exact = c.prepareStatement("SELECT id, l2_distance(v, ?::vector) AS d FROM items "
                         + "ORDER BY d, id LIMIT 12")) {
                List<String> want = rows(exact, q);
                for (int ef : new int[]{500, 700, 12}) {
                    s.execute("SET hnsw.ef_search = " + ef);
                    strategies.clear();
                    List<String> got = rows(ps, q);
                    assertThat(strategies).singleElement().asString().contains("hnsw (ef_search " + ef + ",");
                    if (ef >= 500) {
                        assertThat(got).isEqualTo(want);
                    } else {
                        assertThat(got).hasSize(12);
                    }
                }
                s.execute("SET hnsw.ef_search = 500");

                s.execute("DROP INDEX items_v");
                strategies.clear();
                assertThat(rows(ps, q)).as("after DROP INDEX: the exact plan").isEqualTo(want);
                assertThat(strategies).as("no index scan runs").isEmpty();

                s.execute("CREATE INDEX items_ip ON items USING hnsw (v vector_ip_ops)");
                strategies.clear();
                assertThat(rows(ps, q)).as("an index of another distance is not used").isEqualTo(want);
                assertThat(strategies).isEmpty();

                s.execute("CREATE INDEX items_v2 ON items USING hnsw (v vector_l2_ops)");
                strategies.clear();
                assertThat(rows(ps, q)).as("a new L2 index answers again").isEqualTo(want);
                assertThat(strategies).singleElement().asString().contains("items_v2: hnsw (ef_search 500,");

                s.execute("CREATE TABLE other (x integer)");   // another catalog change: the plan is bound again
                s.execute("UPDATE items SET v = '[1,0,2,-1]' WHERE id = 399");
                want = rows(exact, q);
                strategies.clear();
                assertThat(rows(ps, q)).as("after other DDL and a fresh update").isEqualTo(want);
                assertThat(want).anyMatch(row -> row.startsWith("399 | 0.0#"));
                assertThat(strategies).singleElement().asString().contains("hnsw (ef_search 500,");
            }
        }
    }
}
