package io.kyrodb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bin/bench analytic}: the same star schema ({@link AnalyticData}) and the same fixed queries
 * ({@link AnalyticQueries}: joins of 3-5 tables, group-bys, correlated and EXISTS subqueries, top-k,
 * window functions) in KyroDB, H2 and SQLite, each a file database on its defaults with the
 * maintenance a user runs after a bulk load ({@link EngineUnderTest#afterBulkLoad}: VACUUM and
 * ANALYZE in KyroDB and SQLite, ANALYZE in H2, which has no VACUUM). Every answer is compared
 * with the other engines' (exit 1 on a mismatch); a query KyroDB cannot run yet (a syntax or
 * undefined-function error) is reported as unsupported, any other engine's failure stops the run.
 *
 * <p>All engines are loaded first and stay open; then each query is warmed up on each engine in
 * turn and timed in rounds that take one sample from every engine, back to back, with the first
 * engine rotating from round to round. A sample runs the query repeatedly until
 * {@code --sample-ms} have passed (at least once) and takes the time a run; an engine's time is
 * the median of its {@code --runs} samples, in milliseconds, with each engine's ratio to KyroDB.
 * Why interleave: the machines this runs on are shared, and their speed drifts by up to 2x over
 * seconds (the same fixed CPU loop, timed by its process's CPU time once a second, took 311 to
 * 612 ms); timing one engine's whole run after another's compares them under different machines,
 * enough to reverse a 2x lead. Samples taken seconds apart, in alternation, see the same drift.
 * Why samples of many runs: a query of a tenth of a millisecond timed once measures the clock and
 * the scheduler as much as the query.
 *
 * <p>Warming up runs the query once (the answer compared), then again until {@code --warmup-ms}
 * have passed since that first run began.
 * KyroDB and H2 run on the JVM, whose just-in-time compiler turns a query's hot loops into machine
 * code only after some thousands of calls and then queues them for its compiler threads (one for
 * the optimizing compiler on a 2-core machine): with a single warm-up run, a query of a few
 * milliseconds is timed while it still runs interpreted, which measures the compiler's queue, not
 * the engine a long-running application sees (JMH warms up for the same reason). SQLite, native
 * code, runs the warm-up too. {@code --warmup-ms 0} times the runs right after one warm-up run.
 */
public final class Analytic {
    private Analytic() {
    }

    private record Outcome(double medianMs, List<List<String>> rows, String unsupported) {
    }

    /** How long each query is run before its timed runs (at least once); see the class comment. */
    private static int warmupMillis = 1000;
    /** How long one timed sample runs a query, back to back, at least once; see {@link #sample}. */
    private static int sampleMillis = 20;
    /** How long one run of a query may take; past it the engine's time is reported as a timeout. */
    private static int timeoutSeconds = 60;
    /**
     * Time each run by the CPU time of the thread that runs it (all three engines execute a query in
     * the caller's thread) instead of the wall clock: on a machine shared with other work the wall
     * clock mostly measures waiting for a core. It leaves out other threads' time, such as a
     * collector's, so it flatters engines that allocate more; report it next to wall-clock runs.
     */
    private static boolean cpuTime;
    /** Print each query's timed runs, not only their median (how much one JVM's runs vary). */
    private static boolean showRuns;

    public static void main(String[] args) throws Exception {
        int orders = 250_000;
        int runs = 3;
        long seed = 42;
        List<String> engines = List.of("kyro", "h2", "sqlite");
        List<String> only = List.of();
        boolean explain = false;
        String versus = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orders" -> orders = Integer.parseInt(args[++i]);
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--engines" -> engines = Arrays.asList(args[++i].split(","));
                case "--only" -> only = Arrays.asList(args[++i].split(","));
                case "--explain" -> explain = true;
                case "--versus" -> versus = args[++i];
                case "--timeout" -> timeoutSeconds = Integer.parseInt(args[++i]);
                case "--warmup-ms" -> warmupMillis = Integer.parseInt(args[++i]);
                case "--sample-ms" -> sampleMillis = Integer.parseInt(args[++i]);
                case "--cpu" -> cpuTime = true;
                case "--show-runs" -> showRuns = true;
                case "--help", "-h" -> {
                    System.out.println("bin/bench analytic [--orders N (250000; lineitems ~4N)] [--runs N (3): timed samples a query and engine]"
                            + " [--seed S (42)] [--engines kyro,h2,sqlite] [--only q01,q07,...] [--timeout S (60)]"
                            + " [--warmup-ms N (1000): run each query this long before timing it, at least once]"
                            + " [--sample-ms N (20): one timed sample runs the query back to back this long, at"
                            + " least once, and takes the time a run]"
                            + " [--explain: print KyroDB's EXPLAIN ANALYZE of each query]"
                            + " [--cpu: time by the query thread's CPU time, not the wall clock (a loaded machine)]"
                            + " [--show-runs: print every timed sample's ms a run, not only the median]"
                            + " [--versus name=value,...: time KyroDB's queries again, each right after itself,"
                            + " with each of these session settings, e.g. enable_decorrelation=off]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (see --help)");
            }
        }
        List<AnalyticQueries.Query> queries = new ArrayList<>();
        for (AnalyticQueries.Query q : AnalyticQueries.ALL) {
            if (only.isEmpty() || only.stream().anyMatch(q.name()::startsWith)) {
                queries.add(q);
            }
        }
        Map<String, Map<String, Outcome>> results = new LinkedHashMap<>();
        Path base = Files.createTempDirectory("kyro-analytic-");
        List<Contender> contenders = new ArrayList<>();
        try {
            for (String key : engines) {
                contenders.add(load(EngineUnderTest.byKey(key), base, orders, seed));
                results.put(contenders.getLast().engine.displayName(), new LinkedHashMap<>());
            }
            for (AnalyticQueries.Query q : queries) {
                Map<Contender, Outcome> outcomes = time(contenders, q, runs);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-22s", q.name()));
                for (Contender c : contenders) {
                    Outcome o = outcomes.get(c);
                    results.get(c.engine.displayName()).put(q.name(), o);
                    line.append(String.format(Locale.ROOT, "  %s %s", c.engine.displayName(), o.unsupported != null
                            ? "unsupported: " + o.unsupported
                            : String.format(Locale.ROOT, "%s ms (%,d rows)", millis(o.medianMs), o.rows.size())));
                }
                System.out.println(line);
                for (Contender c : contenders) {
                    Outcome o = outcomes.get(c);
                    if (explain && c.engine instanceof KyroEngine && o.unsupported == null) {
                        for (List<String> l : execute(c.connection, "EXPLAIN ANALYZE " + q.sql())) {
                            System.out.println("      " + l.get(0));
                        }
                    }
                    if (versus != null && c.engine instanceof KyroEngine && o.unsupported == null) {
                        for (String v : versus.split(",")) {
                            versus(c.connection, q, runs, v, o);
                        }
                    }
                }
            }
        } finally {
            for (Contender c : contenders) {
                c.connection.close();
            }
        }
        boolean mismatch = report(queries, results);
        deleteTree(base);
        if (mismatch) {
            System.exit(1);
        }
    }

    /** An engine with its database loaded, and the connection every query of the run goes through. */
    private record Contender(EngineUnderTest engine, Connection connection) {
    }

    /** Creates {@code engine}'s database under {@code base}, loads it and runs its after-load maintenance. */
    private static Contender load(EngineUnderTest engine, Path base, int orders, long seed)
            throws SQLException, java.io.IOException {
        Path dir = Files.createDirectories(base.resolve(engine.key()));
        Connection c = open(engine, dir);
        try {
            long start = System.nanoTime();
            long lines = AnalyticData.load(c, orders, seed);
            double loadSeconds = (System.nanoTime() - start) / 1e9;
            long maintenanceStart = System.nanoTime();
            try (Statement s = c.createStatement()) {
                for (String sql : engine.afterBulkLoad()) {
                    s.execute(sql);
                }
            }
            System.out.printf(Locale.ROOT, "%s: loaded %,d orders and %,d lineitems in %.1f s, then %s in %.1f s%n",
                    engine.displayName(), orders, lines, loadSeconds, String.join("; ", engine.afterBulkLoad()),
                    (System.nanoTime() - maintenanceStart) / 1e9);
            return new Contender(engine, c);
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /**
     * Times {@code q} with and without the session setting {@code nameValue}, alternating run by
     * run so both see the same machine load, in CPU time of this thread (KyroDB runs a query on
     * the caller's thread), which a loaded machine disturbs far less than wall time; the answers
     * must agree.
     */
    private static void versus(Connection c, AnalyticQueries.Query q, int runs,
                               String nameValue, Outcome base) throws SQLException {
        String name = nameValue.substring(0, nameValue.indexOf('='));
        String set = "SET " + name + " = " + nameValue.substring(nameValue.indexOf('=') + 1);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] withDefault = new double[runs];
        double[] withSetting = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = cpu.getCurrentThreadCpuTime();
            execute(c, q.sql());
            withDefault[i] = (cpu.getCurrentThreadCpuTime() - t) / 1e6;
            try (Statement s = c.createStatement()) {
                s.execute(set);
            }
            try {
                t = cpu.getCurrentThreadCpuTime();
                List<List<String>> rows = execute(c, q.sql());
                withSetting[i] = (cpu.getCurrentThreadCpuTime() - t) / 1e6;
                if (!rows.equals(base.rows)) {
                    throw new IllegalStateException(q.name() + " answers differently with " + nameValue);
                }
            } finally {
                try (Statement s = c.createStatement()) {
                    s.execute("RESET " + name);
                }
            }
        }
        Arrays.sort(withDefault);
        Arrays.sort(withSetting);
        System.out.printf(Locale.ROOT, "  %-22s CPU %8.1f ms as is, %8.1f ms with %s (same answer)%n", "",
                withDefault[runs / 2], withSetting[runs / 2], nameValue);
    }

    /**
     * The engine's connection; H2's with OPTIMIZE_REUSE_RESULTS off, or it answers a repeated query
     * from the result it kept (the tables did not change), which would time no query at all.
     */
    private static Connection open(EngineUnderTest engine, Path dir) throws SQLException {
        if (engine instanceof H2Engine h2) {
            Connection c = java.sql.DriverManager.getConnection(h2.url(dir) + ";OPTIMIZE_REUSE_RESULTS=FALSE", "sa", "");
            return c;
        }
        return engine.open(dir);
    }

    /**
     * Warms {@code q} up on every contender, then times it in rounds: each round runs one sample on
     * every contender that answered, one after the other, starting with the next contender each
     * round. Each contender's time is the median of its {@code runs} samples.
     */
    private static Map<Contender, Outcome> time(List<Contender> contenders, AnalyticQueries.Query q, int runs)
            throws SQLException {
        Map<Contender, Outcome> outcomes = new LinkedHashMap<>();
        Map<Contender, double[]> samples = new LinkedHashMap<>();
        for (Contender c : contenders) {
            Outcome warm = warmUp(c, q);
            outcomes.put(c, warm);
            if (warm.unsupported == null) {
                samples.put(c, new double[runs]);
            }
        }
        List<Contender> timed = new ArrayList<>(samples.keySet());
        for (int round = 0; round < runs; round++) {
            for (int k = 0; k < timed.size(); k++) {
                Contender c = timed.get((round + k) % timed.size());
                samples.get(c)[round] = sample(c, q);
            }
        }
        for (Contender c : timed) {
            double[] ms = samples.get(c);
            if (showRuns) {
                StringBuilder each = new StringBuilder();
                for (double m : ms) {
                    each.append(' ').append(millis(m));
                }
                System.out.printf(Locale.ROOT, "    %s %s samples (ms):%s%n", c.engine.displayName(), q.name(), each);
            }
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            outcomes.put(c, new Outcome(sorted[runs / 2], outcomes.get(c).rows, null));
        }
        return outcomes;
    }

    /**
     * Runs {@code q} once (its answer kept) and then again until {@code --warmup-ms} have passed
     * since it began; an Outcome with no time, or unsupported with the reason (a timeout, or SQL
     * KyroDB cannot run yet).
     */
    private static Outcome warmUp(Contender contender, AnalyticQueries.Query q) throws SQLException {
        EngineUnderTest engine = contender.engine;
        Connection c = contender.connection;
        long warmupStart = System.nanoTime();
        try {
            List<List<String>> rows = execute(c, q.sql());
            while (System.nanoTime() - warmupStart < warmupMillis * 1_000_000L) {
                execute(c, q.sql());
            }
            return new Outcome(Double.NaN, rows, null);
        } catch (java.sql.SQLTimeoutException e) {
            return new Outcome(Double.NaN, null, "timeout (> " + timeoutSeconds + " s)");
        } catch (SQLException e) {
            if ("57014".equals(e.getSQLState())) {
                return new Outcome(Double.NaN, null, "timeout (> " + timeoutSeconds + " s)");
            }
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (engine instanceof KyroEngine && (state.equals("42601") || state.equals("42883")
                    || state.equals("0A000") || state.equals("42P01"))) {
                return new Outcome(Double.NaN, List.of(), state + " " + firstLine(e.getMessage()));
            }
            throw new SQLException(engine.displayName() + " failed " + q.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * One timed sample of {@code q}: its time per run, running it back to back until
     * {@code --sample-ms} have passed (at least once), so that a query of a fraction of a
     * millisecond is timed over many runs rather than one.
     */
    private static double sample(Contender contender, AnalyticQueries.Query q) throws SQLException {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long wallStart = System.nanoTime();
        long start = cpuTime ? threads.getCurrentThreadCpuTime() : wallStart;
        int n = 0;
        do {
            execute(contender.connection, q.sql());
            n++;
        } while (System.nanoTime() - wallStart < sampleMillis * 1_000_000L);
        long end = cpuTime ? threads.getCurrentThreadCpuTime() : System.nanoTime();
        return (end - start) / 1e6 / n;
    }

    /** Milliseconds to one decimal, or to three significant digits below 1 ms (a key-range query's 0.048). */
    private static String millis(double ms) {
        return ms >= 1 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.3g", ms);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Every row as text: integers exactly, other numbers to 6 significant digits, NULL as NULL. */
    static List<List<String>> execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.setQueryTimeout(timeoutSeconds);
            return read(s.executeQuery(sql));
        }
    }

    private static List<List<String>> read(ResultSet result) throws SQLException {
        List<List<String>> out = new ArrayList<>();
        try (ResultSet rs = result) {
            ResultSetMetaData md = rs.getMetaData();
            int n = md.getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    row.add(v == null ? "NULL"
                            : v instanceof Number num && (num instanceof Double || num instanceof Float
                            || num instanceof java.math.BigDecimal) && num.doubleValue() != Math.rint(num.doubleValue())
                            ? String.format(Locale.ROOT, "%.6g", num.doubleValue())
                            : v instanceof Number num ? Long.toString(num.longValue()) : v.toString());
                }
                out.add(row);
            }
        }
        return out;
    }

    private static boolean report(List<AnalyticQueries.Query> queries, Map<String, Map<String, Outcome>> results) {
        List<String> names = new ArrayList<>(results.keySet());
        StringBuilder header = new StringBuilder(String.format("%n| query | rows |"));
        StringBuilder rule = new StringBuilder("| --- | ---: |");
        for (String e : names) {
            header.append(' ').append(e).append(cpuTime ? " cpu ms |" : " ms |");
            rule.append(" ---: |");
        }
        String kyro = names.stream().filter(n -> n.startsWith("KyroDB")).findFirst().orElse(null);
        for (String e : names) {
            if (kyro != null && !e.equals(kyro)) {
                header.append(' ').append(e).append(" / KyroDB |");
                rule.append(" ---: |");
            }
        }
        System.out.println(header);
        System.out.println(rule);
        boolean mismatch = false;
        for (AnalyticQueries.Query q : queries) {
            List<List<String>> reference = null;
            String referenceEngine = null;
            StringBuilder line = new StringBuilder("| " + q.name() + " | ");
            StringBuilder notes = new StringBuilder();
            for (String e : names) {
                Outcome o = results.get(e).get(q.name());
                if (o.unsupported != null) {
                    continue;
                }
                if (reference == null) {
                    reference = o.rows;
                    referenceEngine = e;
                } else if (!reference.equals(o.rows)) {
                    mismatch = true;
                    notes.append(String.format("%n  MISMATCH in %s: %s gave %s, %s gave %s", q.name(), referenceEngine,
                            abbreviate(reference), e, abbreviate(o.rows)));
                }
            }
            line.append(reference == null ? "-" : String.format("%,d", reference.size())).append(" |");
            for (String e : names) {
                Outcome o = results.get(e).get(q.name());
                line.append(o.unsupported != null ? (o.unsupported.startsWith("timeout") ? " timeout |" : " unsupported |")
                        : " " + millis(o.medianMs) + " |");
            }
            for (String e : names) {
                if (kyro != null && !e.equals(kyro)) {
                    Outcome k = results.get(kyro).get(q.name());
                    Outcome o = results.get(e).get(q.name());
                    line.append(k.unsupported != null || o.unsupported != null ? " - |"
                            : String.format(Locale.ROOT, " %.2f |", o.medianMs / k.medianMs));
                }
            }
            System.out.println(line);
            if (!notes.isEmpty()) {
                System.out.println(notes);
            }
        }
        if (mismatch) {
            System.out.println("\nanalytic: ANSWERS DIFFER (see MISMATCH above)");
        } else {
            System.out.println("\nanalytic: every engine that ran a query gave the same answer");
        }
        return mismatch;
    }

    private static String abbreviate(List<List<String>> rows) {
        String s = rows.size() + " rows " + rows.subList(0, Math.min(3, rows.size()));
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
