package io.kyrodb.tck.crash;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills (SIGKILL) a JVM building an HNSW index and committing vector inserts, updates and deletes
 * ({@link HnswCrashChild}) at a seeded moment, then checks that nothing acknowledged is lost and
 * that the index agrees with the table: the table is the model's state after the last acknowledged
 * commit (or the one in flight), every live row's own vector finds that row first through the
 * index, a deleted or replaced vector never finds its old row, and k-NN through the index returns
 * as many rows as the exact search, nearly the same ones.
 * <pre>
 * -Dkyro.hnsw.crash.trials=N   trials (default 4; 100 with -Dkyro.slow=true)
 * -Dkyro.hnsw.crash.seed=S     only the trial with seed S (printed by each trial)
 * </pre>
 */
class HnswCrashTest {
    @TestFactory
    Stream<DynamicTest> crashTrials() {
        String only = System.getProperty("kyro.hnsw.crash.seed");
        int trials = Integer.getInteger("kyro.hnsw.crash.trials", Boolean.getBoolean("kyro.slow") ? 100 : 4);
        List<Long> seeds = only != null ? List.of(Long.parseLong(only))
                : IntStream.range(0, trials).mapToObj(i -> 20261129L * 31 + i).toList();
        return seeds.stream().map(seed -> DynamicTest.dynamicTest("seed " + seed + " (-Dkyro.hnsw.crash.seed=" + seed
                + ")", () -> trial(seed)));
    }

    private static void trial(long seed) throws Exception {
        Random r = new Random(seed * 0x9E3779B97F4A7C15L);
        Path dir = Files.createTempDirectory("kyro-hnsw-crash");
        Path err = Files.createTempFile("kyro-hnsw-crash", ".err");
        // Half the kills land in the index build (right after the preload), half among the commits.
        boolean inBuild = r.nextBoolean();
        int commits = inBuild ? 0 : 1 + r.nextInt(300);
        long delayMicros = r.nextInt(3) == 0 ? 0 : r.nextInt(inBuild ? 400_000 : 20_000);
        // Every other trial keys the table by numeric: the index then stores each row's key with it
        // (format 3) and must find them again after the kill.
        String keyType = seed % 2 == 0 ? "bigint" : "numeric";
        Process p = ChildJvm.start(HnswCrashChild.class, err, dir.toString(), keyType);
        long acknowledged = -1;
        try {
            ChildJvm.Lines lines = new ChildJvm.Lines(p.getInputStream());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (String line; (line = lines.next()) != null && System.nanoTime() < deadline; ) {
                if (line.startsWith("commit ")) {
                    acknowledged = Long.parseLong(line.substring(7));
                    if (acknowledged >= commits) {
                        break;
                    }
                }
            }
            assertThat(acknowledged).as("the child acknowledged its commits (stderr in " + err + ")")
                    .isGreaterThanOrEqualTo(commits);
            TimeUnit.MICROSECONDS.sleep(delayMicros);
        } finally {
            p.toHandle().destroyForcibly();   // SIGKILL; unlike Process.destroyForcibly, keeps its stdout readable
            p.waitFor();
        }
        // Later acknowledgements may have been printed before the kill: read them too.
        long last = acknowledged;
        String rest = new String(p.getInputStream().readAllBytes());
        for (String line : rest.split("\n")) {
            if (line.startsWith("commit ")) {
                last = Math.max(last, Long.parseLong(line.substring(7).trim()));
            }
        }
        System.out.println("HnswCrashTest seed " + seed + " (" + keyType + " key): killed "
                + (inBuild ? "during the index build" : "after") + " commit " + last);
        check(dir, last);
    }

    /** The model's rows after commit {@code n}: id -> vector. */
    private static Map<Long, float[]> model(long n) {
        Map<Long, float[]> rows = new TreeMap<>();
        for (int i = 0; i < HnswCrashChild.PRELOAD; i++) {
            rows.put(HnswCrashChild.PRELOAD_BASE + i, HnswCrashChild.vector(HnswCrashChild.PRELOAD_BASE + i, 0));
        }
        for (long i = 1; i <= n; i++) {
            long c = i;
            long[] op = HnswCrashChild.op(c);
            switch ((int) op[0]) {
                case 0 -> rows.put(op[1], HnswCrashChild.vector(op[1], c));
                case 1 -> rows.computeIfPresent(op[1], (k, v) -> HnswCrashChild.vector(op[1], c));
                default -> rows.remove(op[1]);
            }
        }
        return rows;
    }

    private static void check(Path dir, long acknowledged) throws Exception {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.kyrodb.engine.exec.HnswScanNode");
        List<String> strategies = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                strategies.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        h.setLevel(java.util.logging.Level.FINE);
        log.setLevel(java.util.logging.Level.FINE);
        log.addHandler(h);
        try {
            checkRows(dir, acknowledged);
        } finally {
            log.removeHandler(h);
            log.setLevel(null);
        }
        long viaGraph = strategies.stream().filter(m -> m.contains(": hnsw (")).count();
        System.out.println("  " + viaGraph + " of " + strategies.size() + " searches walked the recovered graph");
        if (acknowledged > 0) {
            assertThat(viaGraph).as("the index recovered (WAL replayed into its delta), not rebuilt: " + strategies)
                    .isEqualTo(strategies.size());
        }
    }

    private static void checkRows(Path dir, long acknowledged) throws Exception {
        try (Connection c = DriverManager.getConnection(HnswCrashChild.url(dir)); Statement s = c.createStatement()) {
            Map<Long, String> table = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT id, v FROM t")) {
                while (rs.next()) {
                    table.put(rs.getLong(1), parse(rs.getString(2)));
                }
            }
            Map<Long, float[]> model = model(acknowledged);
            Map<Long, float[]> next = model(acknowledged + 1);
            boolean same = texts(model).equals(table);
            assertThat(same || texts(next).equals(table)).as("the table is the state after commit " + acknowledged
                    + " or the one in flight").isTrue();
            Map<Long, float[]> rows = same ? model : next;
            s.execute("SET hnsw.exact_threshold = 0");
            s.execute("SET hnsw.ef_search = 200");
            List<Long> ids = new ArrayList<>(rows.keySet());
            Random r = new Random(acknowledged);
            for (int i = 0; i < 40 && !ids.isEmpty(); i++) {
                long id = ids.get(r.nextInt(ids.size()));
                float[] v = rows.get(id);
                try (ResultSet rs = s.executeQuery("SELECT id, v <-> '" + HnswCrashChild.text(v)
                        + "' FROM t ORDER BY v <-> '" + HnswCrashChild.text(v) + "' LIMIT 1")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getDouble(2)).as("row " + id + "'s own vector is found at distance 0").isZero();
                }
            }
            // Deleted and replaced vectors: their old rows never come back.
            for (long n = Math.max(1, acknowledged - 60); n <= acknowledged; n++) {
                long[] op = HnswCrashChild.op(n);
                if (op[0] == 0) {
                    continue;
                }
                float[] old = HnswCrashChild.vector(op[1], op[1]);   // the insert's vector
                try (ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY v <-> '" + HnswCrashChild.text(old)
                        + "' LIMIT 3")) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        assertThat(rows).containsKey(id);
                    }
                }
            }
            // k-NN through the index against the exact search.
            for (int i = 0; i < 10; i++) {
                float[] q = HnswCrashChild.vector(-1 - i, 7);
                String qt = "'" + HnswCrashChild.text(q) + "'";
                List<Long> viaIndex = ids(s, "SELECT id FROM t ORDER BY v <-> " + qt + " LIMIT 10");
                List<Long> exact = new ArrayList<>(rows.keySet());
                exact.sort(Comparator.comparingDouble((Long id) -> dist(rows.get(id), q)).thenComparingLong(id -> id));
                List<Long> want = exact.subList(0, Math.min(10, exact.size()));
                assertThat(viaIndex).hasSize(want.size());
                long hits = viaIndex.stream().filter(want::contains).count();
                assertThat(hits).as("recall of query " + i).isGreaterThanOrEqualTo(want.size() - 1);
            }
        }
    }

    private static List<Long> ids(Statement s, String sql) throws Exception {
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static double dist(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    private static Map<Long, String> texts(Map<Long, float[]> rows) {
        Map<Long, String> out = new TreeMap<>();
        rows.forEach((k, v) -> out.put(k, java.util.Arrays.toString(v)));
        return out;
    }

    /** pgvector's text form read back as the floats it names. */
    private static String parse(String text) {
        String[] parts = text.substring(1, text.length() - 1).split(",");
        float[] v = new float[parts.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Float.parseFloat(parts[i]);
        }
        return java.util.Arrays.toString(v);
    }
}
