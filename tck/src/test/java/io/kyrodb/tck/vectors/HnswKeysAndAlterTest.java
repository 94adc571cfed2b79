package io.kyrodb.tck.vectors;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An HNSW index on tables keyed by text, uuid, bigint and two columns, or without a key, and on a
 * halfvec column (halfvec_l2_ops): the graph
 * walk (not the exact fallback, read from HnswScanNode's FINE log line) answers as the exact search
 * does, after updates and deletes, after a reopen (the keys come back from the index directory), and
 * after ALTER TABLE actions, which keep the index or build it again. Seeded: rerun with the same key.
 */
class HnswKeysAndAlterTest {
    private static final int DIMS = 8;
    private static final int ROWS = 1500;
    @RegisterExtension
    final ScanStrategyLog log = new ScanStrategyLog();
    private final List<String> strategies = log.lines();

    @TempDir
    Path dir;

    private static String vector(Random r) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < DIMS; i++) {
            sb.append(i == 0 ? "" : ",").append(Math.round(r.nextGaussian() * 100) / 10.0);
        }
        return sb.append(']').toString();
    }

    private static String key(String kind, int i) {
        return switch (kind) {
            case "text", "halfvec" -> "'doc-" + Integer.toHexString(i * 7919) + "'";
            case "uuid" -> "'" + new java.util.UUID(i * 31L, i).toString() + "'";
            case "composite" -> "'tenant-" + (i % 7) + "', " + i;
            default -> Integer.toString(i);
        };
    }

    private static String table(String kind) {
        return switch (kind) {
            case "text" -> "CREATE TABLE items (id text PRIMARY KEY, v vector(" + DIMS + "))";
            case "uuid" -> "CREATE TABLE items (id uuid PRIMARY KEY, v vector(" + DIMS + "))";
            case "composite" -> "CREATE TABLE items (tenant text, id integer, v vector(" + DIMS + "), PRIMARY KEY (tenant, id))";
            case "bigint" -> "CREATE TABLE items (id bigint PRIMARY KEY, v vector(" + DIMS + "))";
            case "halfvec" -> "CREATE TABLE items (id text PRIMARY KEY, v halfvec(" + DIMS + "))";
            default -> "CREATE TABLE items (id integer, v vector(" + DIMS + "))";
        };
    }

    /** The k nearest rows' keys (as text) and distances. */
    private static List<String> knn(Statement s, String column, String q, int k) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT id, " + column + " <-> '" + q + "' FROM items ORDER BY " + column
                + " <-> '" + q + "' LIMIT " + k)) {
            while (rs.next()) {
                out.add(rs.getString(1) + " " + Math.round(rs.getDouble(2) * 1e4));
            }
        }
        return out;
    }

    /** The share of the exact answer's distances the index found (ties may pick other keys at the same distance). */
    private static double recall(List<String> got, List<String> want) {
        List<String> distances = new ArrayList<>(want.stream().map(w -> w.substring(w.indexOf(' '))).toList());
        int hits = 0;
        for (String g : got) {
            if (distances.remove(g.substring(g.indexOf(' ')))) {
                hits++;
            }
        }
        return (double) hits / want.size();
    }

    /** Runs queries through the graph (waiting for a rebuild), checking them against the exact search. */
    private void checkAnswers(Statement s, String column, long seed) throws Exception {
        Random r = new Random(seed);
        double sum = 0;
        int queries = 15;
        long deadline = System.nanoTime() + 60_000_000_000L;
        s.execute("SET hnsw.exact_threshold = 0");
        while (true) {   // a rebuild after ALTER TABLE runs in the background: exact until then
            strategies.clear();
            knn(s, column, vector(r), 10);
            if (strategies.get(0).contains(": hnsw (") || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(50);
        }
        strategies.clear();
        for (int i = 0; i < queries; i++) {
            String q = vector(r);
            s.execute("SET hnsw.exact_threshold = 1000000");
            List<String> want = knn(s, column, q, 10);
            s.execute("SET hnsw.exact_threshold = 0");
            List<String> got = knn(s, column, q, 10);
            assertThat(got).hasSize(10);
            sum += recall(got, want);
        }
        assertThat(strategies.stream().filter(m -> m.contains(": hnsw (")).count()).as(strategies.toString())
                .isEqualTo(queries);
        assertThat(sum / queries).as("recall@10 through the index (seed " + seed + ")").isGreaterThanOrEqualTo(0.95);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text", "uuid", "composite", "bigint", "none", "halfvec"})
    void anyPrimaryKeyThroughUpdatesRestartsAndAlterTable(String kind) throws Exception {
        String url = "jdbc:kyro:file:" + dir.resolve("db");
        Random r = new Random(kind.hashCode());
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(table(kind));
            for (int from = 0; from < ROWS; from += 250) {
                StringBuilder insert = new StringBuilder("INSERT INTO items VALUES ");
                for (int i = from; i < from + 250; i++) {
                    insert.append(i == from ? "" : ", ").append('(').append(key(kind, i)).append(", '")
                            .append(vector(r)).append("')");
                }
                s.execute(insert.toString());
            }
            s.execute("CREATE INDEX items_v ON items USING hnsw (v " + (kind.equals("halfvec") ? "halfvec" : "vector")
                    + "_l2_ops)");
            checkAnswers(s, "v", 1);
            for (int i = 0; i < ROWS; i += 10) {
                String where = kind.equals("composite") ? "tenant = 'tenant-" + (i % 7) + "' AND id = " + i
                        : kind.equals("none") ? "id = " + i : "id = " + key(kind, i);
                if (i % 20 == 0) {
                    s.executeUpdate("UPDATE items SET v = '" + vector(r) + "' WHERE " + where);
                } else {
                    s.executeUpdate("DELETE FROM items WHERE " + where);
                }
            }
            checkAnswers(s, "v", 2);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            checkAnswers(s, "v", 3);   // reopened: the graph's keys came back from its directory
            s.execute("ALTER TABLE items RENAME COLUMN v TO emb");
            s.execute("ALTER TABLE items ADD CONSTRAINT has_vector CHECK (emb IS NOT NULL)");
            checkAnswers(s, "emb", 4);
            s.execute("ALTER TABLE items ADD COLUMN note text DEFAULT 'x'");
            s.execute("ALTER TABLE items RENAME TO documents");
            s.execute("ALTER TABLE documents RENAME TO items");
            checkAnswers(s, "emb", 5);
            s.execute("ALTER TABLE items DROP COLUMN note");
            checkAnswers(s, "emb", 6);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            checkAnswers(s, "emb", 7);
        }
    }
}
