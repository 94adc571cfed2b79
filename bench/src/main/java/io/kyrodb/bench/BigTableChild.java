package io.kyrodb.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The child JVM of {@link BigTable}: runs every step on KyroDB in this JVM, whose heap the parent
 * set ({@code -Xmx512m}), and reports each step on standard output ({@link ChildReport}). Every
 * answer is checked against {@link KvRows}; a wrong one fails the step ({@link WrongResultException}).
 * Arguments: {@code --db PATH} then {@link BigTableOptions}'s.
 *
 * <p>Steps: open, load, settle after load (wait for runs/ to keep its size), count, lookup, range,
 * scan, update (ids {@code = 1 mod 100}: 1%), delete (ids {@code = 0 mod 10}: 10%), checkpoint,
 * close, reopen, verify, compaction (wait for runs/ again), final close. The update and delete
 * sets are disjoint, so after both the table has {@code rows - rows/10} rows, {@link #updatedCount}
 * of them with a negative n.
 */
public final class BigTableChild {

    static final String SELECT_ONE = "SELECT val, n FROM kv WHERE id = ?";

    private final BigTableOptions o;
    private final Path dir;
    private final KvRows kv;
    private final ChildReport.Writer report;
    private final HeapWatch heap;
    private final PrintStream progress;
    private final SplittableRandom random;
    private String step = "start";
    private long stepStart;

    private BigTableChild(BigTableOptions o, Path dir, ChildReport.Writer report, HeapWatch heap, PrintStream progress) {
        this.o = o;
        this.dir = dir;
        this.kv = new KvRows(o.rows(), o.seed(), o.valLength());
        this.report = report;
        this.heap = heap;
        this.progress = progress;
        this.random = new SplittableRandom(o.seed());
    }

    public static void main(String[] args) {
        if (args.length < 2 || !args[0].equals("--db")) {
            System.err.println("usage: BigTableChild --db PATH [bin/bench big options]");
            System.exit(2);
        }
        BigTableOptions options = BigTableOptions.parse(java.util.Arrays.copyOfRange(args, 2, args.length));
        ChildReport.Writer report = new ChildReport.Writer(System.out);
        report.forwardEngineWarnings();
        BigTableChild child = null;
        try (HeapWatch heap = new HeapWatch(20)) {
            child = new BigTableChild(options, Path.of(args[1]), report, heap, System.out);
            child.run();
        } catch (Throwable e) {
            report.failed(child == null ? "start" : child.step, ChildReport.describe(e));
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    static long updatedCount(long rows) {
        return (rows + 99) / 100;
    }

    static long deletedCount(long rows) {
        return rows / 10;
    }

    private void run() throws SQLException, InterruptedException {
        report.info("heap_max", heap.max());
        String url = o.url(dir);
        begin("open");
        Connection c = DriverManager.getConnection(url);
        end(0, "a new database: " + url);
        reportSettings(c);
        load(c);
        settle("settle after load");   // so that "after load" is the table as compaction leaves it
        report.size("after load", DiskUsage.of(dir));

        begin("count");
        long n = count(c, "SELECT count(*) FROM kv");
        expect(n == o.rows(), "count(*) is " + n + ", expected " + o.rows());
        end(n, "SELECT count(*) FROM kv");

        lookups(c);
        range(c);
        scan(c);

        long updated = changeEvery(c, "update", "UPDATE kv SET val = ?, n = ? WHERE id = ?", 100, 1);
        expect(updated == updatedCount(o.rows()), "updated " + updated + " rows, expected " + updatedCount(o.rows()));
        report.size("after update", DiskUsage.of(dir));
        long deleted = changeEvery(c, "delete", "DELETE FROM kv WHERE id = ?", 10, 0);
        expect(deleted == deletedCount(o.rows()), "deleted " + deleted + " rows, expected " + deletedCount(o.rows()));
        report.size("after delete", DiskUsage.of(dir));

        begin("checkpoint");
        try (Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        end(0, "CHECKPOINT");
        report.size("after checkpoint", DiskUsage.of(dir));

        begin("close");
        c.close();
        end(0, "the last connection closed: final flush and checkpoint");
        report.size("after close", DiskUsage.of(dir));

        c = reopen(url);
        verify(c);
        settle("compaction");
        report.size("after compaction", DiskUsage.of(dir));

        begin("final close");
        c.close();
        end(0, "");
        HeapWatch.Peak total = heap.total();
        report.info("heap_peak_used", total.used());
        report.info("heap_peak_after_gc", total.afterGc());
        report.info("heap_peak_after_full_gc", total.afterFullGc());
        report.info("gcs", total.collections());
        report.info("full_gcs", total.fullCollections());
    }

    private void reportSettings(Connection c) throws SQLException {
        for (String name : List.of("memtable_size", "cache_size", "transaction_memory", "work_mem", "sync")) {
            report.info(name, show(c, name));
        }
        // Database caps memtable_size at 1/8 of the heap and cache_size at 1/4 (settings/Setting.java).
        report.info("memtable_effective", Math.min(sizeBytes(show(c, "memtable_size")), heap.max() / 8));
        report.info("cache_effective", Math.min(sizeBytes(show(c, "cache_size")), heap.max() / 4));
    }

    private void load(Connection c) throws SQLException {
        begin("load");
        try (Statement s = c.createStatement()) {
            s.execute(Dataset.CREATE_TABLE);
        }
        c.setAutoCommit(false);
        long rows = o.rows();
        long reportEvery = Math.max(rows / 10, o.batch());
        try (PreparedStatement insert = c.prepareStatement(Dataset.INSERT)) {
            int pending = 0;
            for (long i = 0; i < rows; i++) {
                long id = kv.idAt(i);
                insert.setLong(1, id);
                insert.setString(2, kv.val(id));
                insert.setInt(3, KvRows.n(id));
                insert.addBatch();
                if (++pending == o.batch() || i == rows - 1) {
                    checkCounts(insert.executeBatch(), pending, "INSERT");
                    c.commit();
                    pending = 0;
                    if ((i + 1) % reportEvery < o.batch() && i + 1 < rows) {
                        progress(i + 1, rows);
                    }
                }
            }
        }
        c.setAutoCommit(true);
        end(rows, String.format(Locale.ROOT, "%,.0f rows/s; prepared INSERT, executeBatch of %,d rows, a"
                + " transaction each, ids in a scattered order", rows / seconds(), o.batch()));
    }

    private void lookups(Connection c) throws SQLException {
        begin("lookup");
        int count = o.lookups();
        long[] nanos = new long[Math.max(count, 1)];
        try (PreparedStatement q = c.prepareStatement(SELECT_ONE)) {
            for (int k = 0; k < count; k++) {
                long id = 1 + random.nextLong(o.rows());
                long t = System.nanoTime();
                q.setLong(1, id);
                try (ResultSet r = q.executeQuery()) {
                    expect(r.next(), "id " + id + " not found");
                    expect(kv.val(id).equals(r.getString(1)) && KvRows.n(id) == r.getInt(2),
                            "id " + id + " has the wrong val or n");
                    expect(!r.next(), "id " + id + " returned two rows");
                }
                nanos[k] = System.nanoTime() - t;
            }
        }
        String note = "none";
        if (count > 0) {
            LatencyStats s = LatencyStats.of(nanos, count);
            note = String.format(Locale.ROOT, "%,d random ids, each checked: p50 %.0f us, p99 %.0f us, mean %.0f us",
                    count, LatencyStats.micros(s.percentile(50)), LatencyStats.micros(s.percentile(99)),
                    LatencyStats.micros(s.mean()));
        }
        end(count, note);
    }

    private void range(Connection c) throws SQLException {
        begin("range");
        long width = Math.min(o.range(), o.rows());
        long a = 1 + random.nextLong(o.rows() - width + 1);
        long b = a + width - 1;
        BitSet seen = new BitSet((int) width);
        long n = 0;
        try (PreparedStatement q = c.prepareStatement("SELECT id, val, n FROM kv WHERE id BETWEEN ? AND ?")) {
            q.setLong(1, a);
            q.setLong(2, b);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    long id = r.getLong(1);
                    expect(id >= a && id <= b && !seen.get((int) (id - a)), "range " + a + ".." + b + " returned id "
                            + id + (id >= a && id <= b ? " twice" : ", outside it"));
                    seen.set((int) (id - a));
                    expect(kv.val(id).equals(r.getString(2)) && KvRows.n(id) == r.getInt(3),
                            "id " + id + " has the wrong val or n");
                    n++;
                }
            }
        }
        expect(n == width, "range " + a + ".." + b + " returned " + n + " rows, expected " + width);
        end(n, String.format(Locale.ROOT, "WHERE id BETWEEN %d AND %d, every row checked", a, b));
    }

    private void scan(Connection c) throws SQLException {
        begin("scan");
        long rows = o.rows();
        BitSet seen = new BitSet((int) rows + 1);
        long n = 0;
        long reportEvery = Math.max(rows / 10, 1);
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, val FROM kv")) {
            while (r.next()) {
                long id = r.getLong(1);
                expect(id >= 1 && id <= rows && !seen.get((int) id), "the scan returned id " + id
                        + (id >= 1 && id <= rows ? " twice" : ", which was never inserted"));
                seen.set((int) id);
                expect(kv.val(id).equals(r.getString(2)), "id " + id + " has the wrong val");
                if (++n % reportEvery == 0 && n < rows) {
                    progress(n, rows);
                }
            }
        }
        expect(n == rows, "the scan returned " + n + " rows, expected " + rows);
        end(n, String.format(Locale.ROOT, "%,.0f rows/s; SELECT id, val FROM kv in autocommit, read row by row"
                + " through JDBC, every row checked", n / seconds()));
    }

    /** UPDATE or DELETE of every id {@code = rest mod every}, in batches of {@code --batch}, a transaction each. */
    private long changeEvery(Connection c, String name, String sql, int every, int rest) throws SQLException {
        begin(name);
        boolean update = sql.startsWith("UPDATE");
        long total = (o.rows() - rest) / every + (rest == 0 ? 0 : 1);
        long done = 0;
        long reportEvery = Math.max(total / 5, o.batch());
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement(sql)) {
            int pending = 0;
            long first = rest == 0 ? every : rest;
            for (long id = first; id <= o.rows(); id += every) {
                if (update) {
                    p.setString(1, kv.updatedVal(id));
                    p.setInt(2, KvRows.updatedN(id));
                    p.setLong(3, id);
                } else {
                    p.setLong(1, id);
                }
                p.addBatch();
                if (++pending == o.batch() || id + every > o.rows()) {
                    done += checkCounts(p.executeBatch(), pending, name.toUpperCase(Locale.ROOT));
                    c.commit();
                    pending = 0;
                    if (done % reportEvery < o.batch() && done < total) {
                        progress(done, total);
                    }
                }
            }
        }
        c.setAutoCommit(true);
        end(done, String.format(Locale.ROOT, "%,.0f rows/s; %s, ids = %d mod %d (%s of the rows), executeBatch"
                + " of %,d, a transaction each", done / seconds(), sql, rest, every, every == 100 ? "1%" : "10%",
                o.batch()));
        return done;
    }

    private Connection reopen(String url) throws SQLException {
        begin("reopen");
        Connection c;
        String line;
        try (OpenLog.Capture log = OpenLog.capture()) {
            c = DriverManager.getConnection(url);
            try (PreparedStatement q = c.prepareStatement(SELECT_ONE)) {
                q.setLong(1, 1);
                try (ResultSet r = q.executeQuery()) {
                    expect(r.next() && kv.updatedVal(1).equals(r.getString(1)), "id 1 lost its update");
                }
            }
            line = log.lastLine();
        }
        end(0, "getConnection to the first answer (id 1); engine: " + (line == null ? "(no open line logged)" : line));
        return c;
    }

    private void verify(Connection c) throws SQLException {
        begin("verify");
        long expected = o.rows() - deletedCount(o.rows());
        long n = count(c, "SELECT count(*) FROM kv");
        expect(n == expected, "count(*) after reopen is " + n + ", expected " + expected);
        long negative = count(c, "SELECT count(*) FROM kv WHERE n < 0");
        expect(negative == updatedCount(o.rows()), "after reopen " + negative + " rows have the updated n, expected "
                + updatedCount(o.rows()));
        int probes = Math.min(1000, o.lookups());
        try (PreparedStatement q = c.prepareStatement(SELECT_ONE)) {
            for (int k = 0; k < probes; k++) {
                long id = 1 + random.nextLong(o.rows());
                q.setLong(1, id);
                try (ResultSet r = q.executeQuery()) {
                    if (id % 10 == 0) {
                        expect(!r.next(), "deleted id " + id + " is back after reopen");
                    } else {
                        boolean upd = id % 100 == 1;
                        expect(r.next(), "id " + id + " is gone after reopen");
                        expect((upd ? kv.updatedVal(id) : kv.val(id)).equals(r.getString(1))
                                && (upd ? KvRows.updatedN(id) : KvRows.n(id)) == r.getInt(2),
                                "id " + id + " has the wrong val or n after reopen");
                    }
                }
            }
        }
        end(n, String.format(Locale.ROOT, "count(*) = %,d, count(*) WHERE n < 0 = %,d, %,d random ids checked",
                n, negative, probes));
    }

    /** Waits while runs/ changes (compaction), until it kept its size for --settle seconds. */
    private void settle(String name) throws InterruptedException {
        begin(name);
        long before = DiskUsage.size(dir.resolve("runs"));
        long last = before;
        long stableSince = System.nanoTime();
        long limit = stableSince + o.settleLimitSeconds() * 1_000_000_000L;
        long nextNote = System.nanoTime() + 10_000_000_000L;
        boolean settled = false;
        while (System.nanoTime() < limit) {
            long now = DiskUsage.size(dir.resolve("runs"));
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince >= o.settleSeconds() * 1_000_000_000L) {
                settled = true;
                break;
            }
            if (System.nanoTime() > nextNote) {
                progress.printf("  compaction: runs/ %s%n", DiskUsage.mb(now));
                nextNote += 10_000_000_000L;
            }
            Thread.sleep(500);
        }
        double waited = (System.nanoTime() - stableSince) / 1e9;
        end(0, String.format(Locale.ROOT, "runs/ %s -> %s; %s", DiskUsage.mb(before), DiskUsage.mb(last),
                settled ? String.format(Locale.ROOT, "unchanged for the last %.0f s", waited)
                        : "still changing after " + o.settleLimitSeconds() + " s (--settle-limit)"));
    }

    // ---- helpers ----

    private void begin(String name) {
        step = name;
        report.start(name);
        heap.step();
        stepStart = System.nanoTime();
    }

    private double seconds() {
        return (System.nanoTime() - stepStart) / 1e9;
    }

    /** Reports the step, then measures the live heap (a full GC, outside the step's time and peaks). */
    private void end(long rows, String note) {
        double seconds = seconds();
        HeapWatch.Peak peak = heap.step();
        long live = heap.live();
        heap.step();
        report.step(step, seconds, rows, peak, live, note);
    }

    private void progress(long done, long of) {
        progress.printf(Locale.ROOT, "  %s: %,d / %,d rows, %,.0f rows/s so far%n", step, done, of, done / seconds());
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            expect(r.next(), sql + " returned no row");
            return r.getLong(1);
        }
    }

    private static String show(Connection c, String setting) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SHOW " + setting)) {
            return r.next() ? r.getString(1) : "";
        }
    }

    /** A size as SHOW prints it: {@code 64MB}, {@code 1536kB}, {@code 100B}. */
    static long sizeBytes(String size) {
        var m = java.util.regex.Pattern.compile("(\\d+)\\s*([kKmMgGtT]?)[bB]?").matcher(size.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a size: '" + size + "'");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    private static int checkCounts(int[] counts, int expected, String what) {
        expect(counts.length == expected, "executeBatch of " + expected + " " + what + "s returned "
                + counts.length + " counts");
        for (int n : counts) {
            expect(n == 1 || n == Statement.SUCCESS_NO_INFO, what + " of one id reported " + n + " rows");
        }
        return counts.length;
    }

    private static void expect(boolean ok, String wrong) {
        if (!ok) {
            throw new WrongResultException(wrong);
        }
    }
}
