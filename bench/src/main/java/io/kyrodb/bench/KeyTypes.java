package io.kyrodb.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * {@code bin/bench keys}: how the learned primary-key index does on each kind of key, against the
 * btree baseline, through JDBC. For every key kind it loads the same rows into a
 * {@code pk_index=learned} and a {@code pk_index=btree} database (one run after VACUUM), prints
 * what EXPLAIN says of the index (the model's segments), and times prepared point lookups of
 * existing keys (every answer checked). Key kinds: dense and random bigints, timestamp-like
 * bigints (microseconds, increasing with jitter), UUID text, text sharing a long prefix, and a
 * composite (tenant, id) key. Random UUIDs go in both as the {@code uuid} type (16 bytes of key,
 * bound as java.util.UUID) and as their text; TIMESTAMP keys (microseconds, increasing with
 * jitter) and NUMERIC(18,2) keys (random amounts) as those types.
 */
public final class KeyTypes {
    private record Kind(String name, String keyDdl, int keyColumns) {
    }

    private static final List<Kind> KINDS = List.of(
            new Kind("bigint dense", "k BIGINT PRIMARY KEY", 1),
            new Kind("bigint random", "k BIGINT PRIMARY KEY", 1),
            new Kind("timestamp-like", "k BIGINT PRIMARY KEY", 1),
            new Kind("uuid", "k UUID PRIMARY KEY", 1),
            new Kind("uuid text", "k TEXT PRIMARY KEY", 1),
            new Kind("prefixed text", "k TEXT PRIMARY KEY", 1),
            new Kind("composite", "t INTEGER, k BIGINT, PRIMARY KEY (t, k)", 2),
            new Kind("timestamp", "k TIMESTAMP PRIMARY KEY", 1),
            new Kind("numeric", "k NUMERIC(18,2) PRIMARY KEY", 1));

    private KeyTypes() {
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        int lookups = 200_000;
        long seed = 42;
        List<String> only = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--kinds" -> only = List.of(args[++i].split(","));
                case "--rows" -> rows = Integer.parseInt(args[++i]);
                case "--lookups" -> lookups = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--help", "-h" -> {
                    System.out.println("bin/bench keys [--rows N (1000000)] [--lookups N (200000)] [--seed S (42)]"
                            + " [--kinds uuid,'uuid text',... (all)]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
        }
        Path base = Files.createTempDirectory("kyro-keys-");
        System.out.printf("learned index by key kind: %,d rows, %,d lookups, seed %d, load average %.1f%n", rows, lookups,
                seed, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf("%-15s %-8s %12s %12s %12s  %s%n", "key", "index", "p50 us", "p99 us", "mean us", "EXPLAIN");
        try {
            for (Kind kind : KINDS) {
                if (only != null && !only.contains(kind.name())) {
                    continue;
                }
                Object[][] keys = keys(kind, rows, new Random(seed));
                for (String index : new String[]{"learned", "btree"}) {
                    Path dir = base.resolve(kind.name().replace(' ', '-') + "-" + index);
                    run(kind, index, dir, keys, lookups, seed);
                    deleteTree(dir);
                }
            }
        } finally {
            deleteTree(base);
        }
    }

    /** Each row's key, as its column values. */
    private static Object[][] keys(Kind kind, int n, Random r) {
        Object[][] keys = new Object[n][];
        long t = 1_764_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            keys[i] = switch (kind.name()) {
                case "bigint dense" -> new Object[]{(long) i};
                case "bigint random" -> new Object[]{r.nextLong()};
                case "timestamp-like" -> new Object[]{t += 1 + r.nextInt(2000)};
                case "uuid" -> new Object[]{new UUID(r.nextLong(), r.nextLong())};
                case "uuid text" -> new Object[]{new UUID(r.nextLong(), r.nextLong()).toString()};
                case "prefixed text" -> new Object[]{String.format("customer/eu-west/%010d", (long) i * 7919 % 1_000_000_007L)};
                case "composite" -> new Object[]{r.nextInt(10), (long) i};
                case "timestamp" -> new Object[]{java.time.LocalDateTime.ofEpochSecond(0, 0, java.time.ZoneOffset.UTC)
                        .plus(t += 1 + r.nextInt(2000), java.time.temporal.ChronoUnit.MICROS)};
                case "numeric" -> new Object[]{java.math.BigDecimal.valueOf(r.nextLong() % 10_000_000_000_000L, 2)};
                default -> throw new IllegalStateException(kind.name());
            };
        }
        return keys;
    }

    private static void run(Kind kind, String index, Path dir, Object[][] keys, int lookups, long seed) throws SQLException {
        String url = "jdbc:kyro:file:" + dir + ";pk_index=" + index;
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE kt (" + kind.keyDdl() + ", v INTEGER)");
            }
            String marks = kind.keyColumns() == 2 ? "?, ?, ?" : "?, ?";
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO kt VALUES (" + marks + ")")) {
                for (int i = 0; i < keys.length; i++) {
                    for (int k = 0; k < keys[i].length; k++) {
                        ins.setObject(k + 1, keys[i][k]);
                    }
                    ins.setInt(keys[i].length + 1, i);
                    ins.addBatch();
                    if ((i + 1) % 10_000 == 0 || i == keys.length - 1) {
                        ins.executeBatch();
                        c.commit();
                    }
                }
            }
            c.setAutoCommit(true);
            String where = kind.keyColumns() == 2 ? "t = ? AND k = ?" : "k = ?";
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM");
            }
            String explain = explainIndex(c, where, keys[0]);
            Random r = new Random(seed + 1);
            long[] nanos = new long[lookups];
            try (PreparedStatement q = c.prepareStatement("SELECT v FROM kt WHERE " + where)) {
                for (int i = -lookups / 5; i < lookups; i++) {   // the first fifth warms up
                    int row = r.nextInt(keys.length);
                    long t0 = System.nanoTime();
                    for (int k = 0; k < keys[row].length; k++) {
                        q.setObject(k + 1, keys[row][k]);
                    }
                    int v;
                    try (ResultSet rs = q.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException(kind.name() + ": row " + row + " not found");
                        }
                        v = rs.getInt(1);
                    }
                    long t1 = System.nanoTime();
                    if (v != row) {
                        throw new IllegalStateException(kind.name() + ": row " + row + " answered " + v);
                    }
                    if (i >= 0) {
                        nanos[i] = t1 - t0;
                    }
                }
            }
            LatencyStats stats = LatencyStats.of(nanos, lookups);
            System.out.printf(Locale.ROOT, "%-15s %-8s %12.2f %12.2f %12.2f  %s%n", kind.name(), index,
                    stats.percentile(50) / 1e3, stats.percentile(99) / 1e3, stats.mean() / 1e3, explain);
        }
    }

    private static String explainIndex(Connection c, String where, Object[] key) throws SQLException {
        StringBuilder literal = new StringBuilder(where);
        for (Object v : key) {
            int at = literal.indexOf("?");
            literal.replace(at, at + 1, v instanceof Number ? String.valueOf(v) : "'" + v + "'");
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN VERBOSE SELECT v FROM kt WHERE " + literal)) {
            List<String> lines = new ArrayList<>();
            while (rs.next()) {
                lines.add(rs.getString(1).strip());
            }
            return lines.stream().filter(l -> l.startsWith("Index:")).findFirst().orElse(String.join(" / ", lines));
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
