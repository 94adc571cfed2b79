package io.kyrodb.bench;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Prepared primary-key lookups ({@code SELECT val, n FROM kv WHERE id = ?}) of seeded random
 * existing ids on a loaded table: a warm-up that is not measured, then measured lookups, each timed
 * with {@link System#nanoTime()} from {@code executeQuery} until the row is read, the absence of a
 * second row confirmed and the result set closed. Every lookup, warm-up included, must return
 * exactly one row equal to the inserted one. Every engine gets the same ids in the same order.
 */
public final class LookupBenchmark implements Workload {

    /** Mixed into the data seed so the lookup ids are a stream of their own. */
    private static final long LOOKUP_STREAM = 0x6C6F6F6B7570L;
    private static final int CHECK_EVERY = 1024;

    private final int warmup;
    private final int lookups;
    private final TimeLimit timeLimit;

    public LookupBenchmark(int warmup, int lookups, TimeLimit timeLimit) {
        if (warmup < 0 || lookups < 1) {
            throw new IllegalArgumentException(
                    "need warmup >= 0 and lookups >= 1, not " + warmup + " and " + lookups);
        }
        this.warmup = warmup;
        this.lookups = lookups;
        this.timeLimit = timeLimit;
    }

    @Override
    public String name() {
        return "lookup";
    }

    @Override
    public String method() {
        return String.format(Locale.ROOT, "SELECT val, n FROM kv WHERE id = ? (prepared) on uniform random"
                + " existing ids (the same for every engine): %,d warm-up, then %,d measured one by one, each"
                + " timed from executeQuery to the row read and the result set closed, and checked against"
                + " the inserted row; p50, p99, p99.9 (nearest rank) and mean; cpu us is the thread's CPU time"
                + " over the measured loop divided by the lookups (the rows are checked after it; steadier than wall"
                + " time on a busy machine)", warmup, lookups);
    }

    @Override
    public WorkloadResult run(BenchDatabase database, Dataset data, PrintStream log) throws SQLException {
        Connection connection = database.connection();
        SplittableRandom random = new SplittableRandom(data.seed() ^ LOOKUP_STREAM);
        long[] nanos = new long[lookups];
        long cpuStart;
        long cpu;
        long start = System.nanoTime();
        try (PreparedStatement select = connection.prepareStatement(Dataset.SELECT_BY_ID)) {
            Found scratch = new Found();
            for (int i = 0; i < warmup; i++) {
                long id = data.randomExistingId(random);
                lookup(select, id, scratch);
                check(data, id, scratch);
                if (i % CHECK_EVERY == 0) {
                    timeLimit.check(start, String.format(Locale.ROOT, "%,d of %,d warm-up lookups", i, warmup));
                }
            }
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long[] ids = new long[lookups];
            Found[] found = new Found[lookups];
            for (int i = 0; i < lookups; i++) {
                ids[i] = data.randomExistingId(random);
                found[i] = new Found();
            }
            cpuStart = threads.getCurrentThreadCpuTime();
            for (int i = 0; i < lookups; i++) {
                nanos[i] = lookup(select, ids[i], found[i]);
                if (i % CHECK_EVERY == 0) {
                    timeLimit.check(start, String.format(Locale.ROOT, "%,d of %,d measured lookups", i, lookups));
                }
            }
            cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            for (int i = 0; i < lookups; i++) {
                check(data, ids[i], found[i]);   // after the timing: the expected rows cost CPU to make
            }
        }
        LatencyStats stats = LatencyStats.of(nanos);
        return new WorkloadResult(List.of(
                new Measurement("lookup_cpu_us", "lookup cpu us", cpu / 1e3 / lookups, 2),
                new Measurement("lookup_p50_us", "lookup p50 us", LatencyStats.micros(stats.median()), 1),
                new Measurement("lookup_p99_us", "lookup p99 us", LatencyStats.micros(stats.percentile(99)), 1),
                new Measurement("lookup_p999_us", "p99.9 us", LatencyStats.micros(stats.percentile(99.9)), 1),
                new Measurement("lookup_mean_us", "lookup mean us", LatencyStats.micros(stats.mean()), 1)),
                List.of(), List.of());
    }

    /** What one lookup read. */
    private static final class Found {
        boolean found;
        boolean extra;
        String val;
        int n;
        boolean nNull;
    }

    /** One timed lookup of {@code id}, its row kept in {@code out}; returns its latency in nanoseconds. */
    private static long lookup(PreparedStatement select, long id, Found out) throws SQLException {
        select.setLong(1, id);
        long start = System.nanoTime();
        try (ResultSet rows = select.executeQuery()) {
            out.found = rows.next();
            if (out.found) {
                out.val = rows.getString(1);
                out.n = rows.getInt(2);
                out.nNull = rows.wasNull();
                out.extra = rows.next();
            }
        }
        return System.nanoTime() - start;
    }

    /** Fails unless {@code got} is the row inserted under {@code id}. */
    private static void check(Dataset data, long id, Found got) {
        if (!got.found) {
            throw new WrongResultException("lookup of id " + id + " returned no row");
        }
        if (got.extra) {
            throw new WrongResultException("lookup of id " + id + " returned more than one row");
        }
        if (!data.valOf(id).equals(got.val) || got.nNull || data.nOf(id) != got.n) {
            throw new WrongResultException("lookup of id " + id + " returned (" + quote(got.val) + ", "
                    + (got.nNull ? "NULL" : got.n) + "), inserted (" + quote(data.valOf(id)) + ", "
                    + data.nOf(id) + ")");
        }
    }

    private static String quote(String s) {
        return s == null ? "NULL" : "'" + s + "'";
    }
}
