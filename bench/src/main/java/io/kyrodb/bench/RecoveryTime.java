package io.kyrodb.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * {@code bin/bench recovery}: how long KyroDB takes to open after a crash. Each trial starts
 * {@link RecoveryChild} in a JVM of its own ({@code -Xmx512m}), which loads the database to the
 * target size (the first trial) and keeps committing; at a seeded random moment after it passed the
 * target this JVM kills it ({@link Process#destroyForcibly}: SIGKILL, no shutdown of any kind), then
 * opens the database in this JVM and measures from {@link DriverManager#getConnection} to the answer
 * of a first query (a primary-key lookup), capturing the engine's "opened" line ({@link OpenLog}) for
 * the WAL tail it replayed. It then checks that every commit the child saw acknowledged is there and
 * nothing of a transaction that was not ({@code count(*)} is the acknowledged ids, or those plus the
 * one batch in flight), and closes (a clean close: flush and checkpoint). Options:
 * {@link RecoveryOptions#USAGE}.
 */
public final class RecoveryTime {

    /** Open time goal of the storage issue for a 1 GB database. */
    static final double GOAL_SECONDS = 5;

    record Trial(int number, double killDelay, long acked, DiskUsage atKill, double openSeconds, OpenLog replay,
                 String openLine, long rows, double countSeconds, double closeSeconds) {
    }

    record Result(List<Trial> trials, Map<String, String> writer, long heapMax, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    private final RecoveryOptions options;
    private final PrintStream out;
    private final PrintStream log;

    RecoveryTime(RecoveryOptions options, PrintStream out, PrintStream log) {
        this.options = options;
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) throws Exception {
        RecoveryOptions options;
        try {
            options = RecoveryOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench recovery: " + e.getMessage());
            System.err.print(RecoveryOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(RecoveryOptions.USAGE);
            return;
        }
        Result result = new RecoveryTime(options, System.out, System.err).run();
        System.exit(result.failed() ? 1 : 0);
    }

    Result run() throws InterruptedException {
        double loadAtStart = BigTable.loadAverage();
        boolean temporary = options.dir() == null;
        Path base;
        Path db;
        try {
            base = temporary ? Files.createTempDirectory("kyro-recovery-") : null;
            db = temporary ? base.resolve("db") : options.dir().toAbsolutePath();
            BigTable.requireEmpty(db);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory: " + e.getMessage(), e);
        }
        String url = options.url(db);
        SplittableRandom random = new SplittableRandom(options.seed());
        List<Trial> trials = new ArrayList<>();
        Map<String, String> writer = Map.of();
        String failure = null;
        long nextId = 1;
        try {
            for (int t = 1; t <= options.trials(); t++) {
                double delay = random.nextDouble() * options.killWindow();
                log.printf(Locale.ROOT, "bench recovery: trial %d: writer from id %,d, kill %.2f s after %s%n", t, nextId,
                        delay, t == 1 ? "the database reaches " + options.targetMb() + " MB" : "its first commit");
                ChildReport report = new ChildReport();
                long acked = crash(db, url, nextId, delay, report);
                writer = Map.copyOf(report.info);
                Trial trial = reopen(t, delay, acked, db, url);
                trials.add(trial);
                nextId = trial.rows() + 1;
                log.printf(Locale.ROOT, "bench recovery: trial %d: open %.3f s, WAL tail %s%n", t, trial.openSeconds(),
                        trial.replay() == null ? "?" : DiskUsage.mb(trial.replay().bytes()));
            }
        } catch (Failure | SQLException e) {
            failure = e instanceof Failure ? e.getMessage() : ChildReport.describe(e);
            log.println("bench recovery: FAILED " + failure);
        }
        Result result = new Result(trials, writer, Runtime.getRuntime().maxMemory(), failure);
        print(result, loadAtStart);
        if (temporary && !options.keep()) {
            BigTable.deleteTree(base);
        } else {
            log.println("bench recovery: database kept in " + db);
        }
        return result;
    }

    /** Runs the writer until the kill; returns the last id it saw committed. */
    private long crash(Path db, String url, long startId, double delay, ChildReport report) throws InterruptedException {
        List<String> args = List.of("--db", db.toString(), "--url", url, "--start-id", Long.toString(startId),
                "--target-bytes", Long.toString(options.targetMb() * 1_000_000L), "--val-length",
                Integer.toString(options.valLength()), "--batch", Integer.toString(options.batch()),
                "--max-seconds", Long.toString(options.stallSeconds() * 4L));
        long acked = startId - 1;
        Duration stall = Duration.ofSeconds(options.stallSeconds());
        try (ChildJvm child = ChildJvm.start(ChildJvm.command(options.heap(), List.of(), RecoveryChild.class, args), log)) {
            long killAt = Long.MAX_VALUE;
            while (System.nanoTime() < killAt) {
                String line;
                try {
                    long wait = killAt == Long.MAX_VALUE ? stall.toNanos() : killAt - System.nanoTime();
                    line = child.nextLine(Duration.ofNanos(Math.max(wait, 1_000_000)));
                } catch (ChildJvm.Stalled e) {
                    if (killAt != Long.MAX_VALUE) {
                        break;   // the moment came while the writer was between commits
                    }
                    throw new Failure("the writer (" + report.started + ") " + e.getMessage());
                }
                if (line == null) {
                    int status = child.waitFor();
                    throw new Failure("the writer exited (status " + status + ") before it was killed"
                            + (report.failure != null ? ": " + report.failure : ": " + child.lastErrorLines()));
                }
                if (line.startsWith("@committed\t")) {
                    acked = Long.parseLong(line.substring(line.indexOf('\t') + 1));
                } else if (line.startsWith("@target\t")) {
                    killAt = System.nanoTime() + (long) (delay * 1e9);
                    String[] f = line.split("\t");
                    log.printf(Locale.ROOT, "bench recovery: %s on disk at id %s%n", DiskUsage.mb(Long.parseLong(f[1])), f[2]);
                } else if (!report.accept(line)) {
                    log.println(line);
                } else if (line.startsWith("@log")) {
                    log.println("bench recovery: writer's engine " + report.engineLog.getLast());
                } else if (line.startsWith("@failed")) {
                    throw new Failure("the writer failed: " + report.failure);
                }
            }
            child.kill();
            for (String line; (line = child.nextLine(Duration.ofSeconds(10))) != null; ) {
                if (line.startsWith("@committed\t")) {
                    acked = Long.parseLong(line.substring(line.indexOf('\t') + 1));
                }
            }
        }
        return acked;
    }

    /** Opens the crashed database here, timed, checks its rows and closes it. */
    private Trial reopen(int number, double delay, long acked, Path db, String url) throws SQLException {
        DiskUsage atKill = DiskUsage.of(db);
        KvRows kv = new KvRows(1, 0, options.valLength());
        Connection c = null;
        try {
            double openSeconds;
            OpenLog replay;
            String line;
            try (OpenLog.Capture capture = OpenLog.capture()) {
                long start = System.nanoTime();
                c = DriverManager.getConnection(url);
                try (PreparedStatement q = c.prepareStatement(BigTableChild.SELECT_ONE)) {
                    q.setLong(1, 1);
                    try (ResultSet r = q.executeQuery()) {
                        openSeconds = (System.nanoTime() - start) / 1e9;
                        if (!r.next() || !kv.val(1).equals(r.getString(1))) {
                            throw new Failure("trial " + number + ": id 1 is missing or wrong after the crash");
                        }
                    }
                }
                replay = capture.last();
                line = capture.lastLine();
            }
            long countStart = System.nanoTime();
            long rows;
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM kv")) {
                r.next();
                rows = r.getLong(1);
            }
            double countSeconds = (System.nanoTime() - countStart) / 1e9;
            if (rows != acked && rows != acked + options.batch()) {
                throw new Failure(String.format(Locale.ROOT, "trial %d: count(*) is %,d after the crash, but the writer"
                        + " saw ids up to %,d committed (expected %,d, or %,d with the transaction in flight)%s; %s",
                        number, rows, acked, acked, acked + options.batch(),
                        rows < acked ? ": acknowledged commits were lost" : "", idsFound(c)));
            }
            String ids = idsFound(c);
            if (!ids.equals(String.format(Locale.ROOT, "ids found: %,d distinct, from 1 to %,d", rows, rows))) {
                throw new Failure(String.format(Locale.ROOT, "trial %d: count(*) is %,d after the crash, but %s", number,
                        rows, ids));
            }
            try (PreparedStatement q = c.prepareStatement(BigTableChild.SELECT_ONE)) {
                for (long id : new long[]{rows, rows + 1}) {
                    q.setLong(1, id);
                    try (ResultSet r = q.executeQuery()) {
                        boolean found = r.next();
                        if (found != (id == rows) || found && !kv.val(id).equals(r.getString(1))) {
                            throw new Failure("trial " + number + ": id " + id + (found ? " is there" : " is missing")
                                    + " after the crash, with count(*) = " + rows);
                        }
                    }
                }
            }
            long closeStart = System.nanoTime();
            c.close();
            double closeSeconds = (System.nanoTime() - closeStart) / 1e9;
            return new Trial(number, delay, acked, atKill, openSeconds, replay, line, rows, countSeconds, closeSeconds);
        } finally {
            if (c != null) {
                c.close();
            }
        }
    }

    /**
     * What the table holds besides its count: the writer's ids are 1 to N without gaps, so a count(*)
     * that is neither the distinct ids nor the largest counts a row twice or misses one.
     */
    private static String idsFound(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT count(DISTINCT id), min(id), max(id) FROM kv")) {
            r.next();
            return String.format(Locale.ROOT, "ids found: %,d distinct, from %,d to %,d", r.getLong(1), r.getLong(2),
                    r.getLong(3));
        }
    }

    private void print(Result r, double loadAtStart) {
        out.printf(Locale.ROOT, "KyroDB recovery time  target=%d MB val-length=%d batch=%d trials=%d kill-window=%ss"
                        + " seed=%d writer heap=-Xmx%s jvm=%d cores=%d%n", options.targetMb(), options.valLength(),
                options.batch(), options.trials(), java.math.BigDecimal.valueOf(options.killWindow()).stripTrailingZeros()
                        .toPlainString(), options.seed(), options.heap(), Runtime.version().feature(),
                Runtime.getRuntime().availableProcessors());
        long memtable = r.writer().containsKey("memtable_effective") ? Long.parseLong(r.writer().get("memtable_effective")) : -1;
        out.print(ReportTable.wrap(String.format(Locale.ROOT, "KyroDB has no checkpoint timer: a commit that takes the"
                        + " memtables past memtable_size freezes them; a background flush writes them to runs, then a"
                        + " checkpoint, then deletes the WAL segments (64 MiB each) it covers. memtable_size in effect: %s in the"
                        + " writer (setting %s, capped at heap/8 of %s), %s in this JVM, which reopens (-Xmx %s)",
                memtable < 0 ? "?" : GcLog.mib(memtable), r.writer().getOrDefault("memtable_size", "?"),
                r.writer().containsKey("heap_max") ? GcLog.mib(Long.parseLong(r.writer().get("heap_max"))) : "?",
                r.writer().containsKey("memtable_size")
                        ? GcLog.mib(Math.min(BigTableChild.sizeBytes(r.writer().get("memtable_size")), r.heapMax() / 8))
                        : "?", GcLog.mib(r.heapMax())),
                "checkpoints: ", "  "));
        out.println();
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"trial", "killed after s", "rows acked", "rows found", "db MB", "runs MB", "wal MB",
                "tail MB", "tail records", "replay ms", "open s", "count s", "close s"});
        for (Trial t : r.trials()) {
            OpenLog o = t.replay();
            table.add(new String[]{Integer.toString(t.number()), String.format(Locale.ROOT, "%.2f", t.killDelay()),
                    String.format(Locale.ROOT, "%,d", t.acked()), String.format(Locale.ROOT, "%,d", t.rows()),
                    mb(t.atKill().total()), mb(t.atKill().runs()), mb(t.atKill().wal()),
                    o == null ? "?" : mb(o.bytes()), o == null ? "?" : String.format(Locale.ROOT, "%,d", o.records()),
                    o == null ? "?" : String.format(Locale.ROOT, "%,d", o.millis()),
                    String.format(Locale.ROOT, "%.3f", t.openSeconds()), String.format(Locale.ROOT, "%.2f", t.countSeconds()),
                    String.format(Locale.ROOT, "%.2f", t.closeSeconds())});
        }
        out.print(BigTable.align(table));
        out.println();
        out.println("notes:");
        out.print(ReportTable.wrap("db, runs, wal MB: the directory right after the kill (apparent size, MB = 10^6"
                + " bytes); tail: the WAL records the engine replayed at open and their bytes, from its FINE line;"
                + " replay ms: the engine's own time for that replay; open s: DriverManager.getConnection to the"
                + " first answer (SELECT val, n FROM kv WHERE id = 1), in this JVM; count s: the count(*) that"
                + " checks the rows; close s: the clean close after it (flush and checkpoint of what was replayed)",
                "  columns: ", "           "));
        for (Trial t : r.trials()) {
            if (t.openLine() != null) {
                out.print(ReportTable.wrap(t.openLine(), "  trial " + t.number() + ": ", "           "));
            }
        }
        if (!r.trials().isEmpty()) {
            Trial worstTail = r.trials().getFirst();
            Trial slowest = r.trials().getFirst();
            for (Trial t : r.trials()) {
                if (t.replay() != null && (worstTail.replay() == null || t.replay().bytes() > worstTail.replay().bytes())) {
                    worstTail = t;
                }
                if (t.openSeconds() > slowest.openSeconds()) {
                    slowest = t;
                }
            }
            String tail = worstTail.replay() == null ? "?" : String.format(Locale.ROOT, "%s in %,d records (trial %d)%s",
                    DiskUsage.mb(worstTail.replay().bytes()), worstTail.replay().records(), worstTail.number(),
                    memtable <= 0 ? "" : String.format(Locale.ROOT, ", %.2f times memtable_size",
                            (double) worstTail.replay().bytes() / memtable));
            out.print(ReportTable.wrap(String.format(Locale.ROOT, "largest WAL tail replayed %s; slowest open %.3f s"
                            + " (trial %d, database %s at the kill): %s the goal of %.0f s", tail, slowest.openSeconds(),
                    slowest.number(), DiskUsage.mb(slowest.atKill().total()),
                    slowest.openSeconds() < GOAL_SECONDS ? "within" : "OVER", GOAL_SECONDS), "  summary: ", "           "));
        }
        out.println("result: " + (r.failed() ? "FAILED " + r.failure()
                : "OK, every acknowledged commit was there after each crash, and no partial transaction"));
        out.printf(Locale.ROOT, "machine: load average %.1f at the start, %.1f at the end, on %d cores%n", loadAtStart,
                BigTable.loadAverage(), Runtime.getRuntime().availableProcessors());
        out.println("replay: bin/bench recovery " + options.replayArguments());
        out.flush();
    }

    private static String mb(long bytes) {
        return String.format(Locale.ROOT, "%,.1f", bytes / 1e6);
    }

    /** The run cannot go on: the message says why. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message);
        }
    }
}
