package io.kyrodb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code bin/bench hnsw}: CREATE INDEX ... USING hnsw and {@code ORDER BY v <-> ? LIMIT 10} through
 * JDBC on a file database holding a shared TEXMEX set (bigann10k by default): the build's rate, then
 * per query plan (exact search, the index at several ef_search, the index under a WHERE admitting
 * 10% of the rows) the median and 95th-percentile latency and recall@10 against the set's ground
 * truth (for the filtered query, against an exact filtered search). One connection, one thread;
 * each plan runs the queries {@code --passes} times after one untimed pass.
 */
public final class HnswSql {
    private HnswSql() {
    }

    public static void main(String[] args) throws Exception {
        String dataset = "bigann10k";
        int passes = 3;
        Path dataDir = Path.of(System.getProperty("kyro.bench.root", "."), "..", "shared", "datasets");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dataset" -> dataset = args[++i];
                case "--passes" -> passes = Integer.parseInt(args[++i]);
                case "--data" -> dataDir = Path.of(args[++i]);
                default -> {
                    System.out.println("bin/bench hnsw [--dataset bigann10k|fmnistsmall] [--passes N] [--data DIR]");
                    return;
                }
            }
        }
        Path set = dataDir.resolve(dataset);
        List<float[]> base = VectorDataset.fvecs(set.resolve(dataset + "_base.fvecs"));
        List<float[]> queries = VectorDataset.fvecs(set.resolve(dataset + "_query.fvecs"));
        List<int[]> truth = VectorDataset.ivecs(set.resolve(dataset + "_groundtruth.ivecs"));
        Path dir = Files.createTempDirectory("kyro-bench-hnsw");
        try (Connection c = DriverManager.getConnection("jdbc:kyro:file:" + dir); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE items (id bigint PRIMARY KEY, cat integer, v vector(" + base.get(0).length + "))");
            c.setAutoCommit(false);
            long t0 = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?)")) {
                for (int i = 0; i < base.size(); i++) {
                    ps.setLong(1, i);
                    ps.setInt(2, i % 10);
                    ps.setObject(3, base.get(i));
                    ps.addBatch();
                    if (i % 1000 == 999) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
            c.commit();
            c.setAutoCommit(true);
            double load = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            s.execute("CREATE INDEX items_v ON items USING hnsw (v vector_l2_ops)");
            double build = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %d x %d; load %.2f s, CREATE INDEX (m 16, ef_construction 64) %.2f s"
                    + " = %.0f rows/s%n", dataset, base.size(), base.get(0).length, load, build, base.size() / build);
            System.out.println("| plan | p50 | p95 | recall@10 |");
            System.out.println("| --- | ---: | ---: | ---: |");
            s.execute("SET hnsw.exact_threshold = 2000000000");
            run(c, "exact (no index used)", "", queries, truth, null, passes);
            s.execute("RESET hnsw.exact_threshold");
            for (int ef : new int[]{10, 40, 100, 200}) {
                s.execute("SET hnsw.ef_search = " + ef);
                run(c, "hnsw, ef_search " + ef, "", queries, truth, null, passes);
            }
            s.execute("SET hnsw.ef_search = 40");
            s.execute("SET hnsw.exact_threshold = 2000000000");
            List<Set<Long>> filteredTruth = answers(c, "WHERE cat = 3", queries);
            s.execute("SET hnsw.exact_threshold = 0");
            run(c, "hnsw, ef_search 40, WHERE cat = 3 (10%)", "WHERE cat = 3", queries, null, filteredTruth, passes);
            s.execute("RESET hnsw.exact_threshold");
            run(c, "hnsw, WHERE cat = 3 (10%), default hnsw.exact_threshold", "WHERE cat = 3", queries, null,
                    filteredTruth, passes);
        }
    }

    private static String sql(String where) {
        return "SELECT id FROM items " + where + " ORDER BY v <-> ? LIMIT 10";
    }

    private static List<Set<Long>> answers(Connection c, String where, List<float[]> queries) throws Exception {
        List<Set<Long>> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql(where))) {
            for (float[] q : queries) {
                ps.setObject(1, q);
                Set<Long> ids = new HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                out.add(ids);
            }
        }
        return out;
    }

    private static void run(Connection c, String name, String where, List<float[]> queries, List<int[]> truth,
                            List<Set<Long>> expected, int passes) throws Exception {
        List<Long> nanos = new ArrayList<>();
        double recall = 0;
        try (PreparedStatement ps = c.prepareStatement(sql(where))) {
            for (int pass = 0; pass <= passes; pass++) {
                for (int qi = 0; qi < queries.size(); qi++) {
                    ps.setObject(1, queries.get(qi));
                    long t = System.nanoTime();
                    Set<Long> got = new HashSet<>();
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            got.add(rs.getLong(1));
                        }
                    }
                    long took = System.nanoTime() - t;
                    if (pass == 0) {
                        Set<Long> want = new HashSet<>();
                        if (expected != null) {
                            want = expected.get(qi);
                        } else {
                            for (int k = 0; k < 10; k++) {
                                want.add((long) truth.get(qi)[k]);
                            }
                        }
                        long hits = got.stream().filter(want::contains).count();
                        recall += want.isEmpty() ? 1 : (double) hits / want.size();
                    } else {
                        nanos.add(took);
                    }
                }
            }
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "| %s | %.2f ms | %.2f ms | %.3f |%n", name, sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.95)] / 1e6, recall / queries.size());
    }
}
