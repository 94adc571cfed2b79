package io.kyrodb.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code bin/bench big}: data bigger than memory. Starts {@link BigTableChild} in a JVM with
 * {@code -Xmx512m} (KyroDB runs there, so that is its heap) and a GC log, follows its report,
 * then prints every step's time and heap peaks, the database's size on disk after each change and
 * once closed, and how the run ended. A child that fails (an error, a wrong answer,
 * OutOfMemoryError, or silence past {@code --stall}) is reported with the step it was in; nothing
 * it measured before is lost. Options: {@link BigTableOptions#USAGE}.
 */
public final class BigTable {

    /** How a run ended, with the child's report. */
    record Result(ChildReport report, DiskUsage finalUsage, GcLog gc, String failure) {
        boolean failed() {
            return failure != null;
        }
    }

    private final BigTableOptions options;
    private final PrintStream out;
    private final PrintStream log;

    BigTable(BigTableOptions options, PrintStream out, PrintStream log) {
        this.options = options;
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) throws InterruptedException {
        BigTableOptions options;
        try {
            options = BigTableOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench big: " + e.getMessage());
            System.err.print(BigTableOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(BigTableOptions.USAGE);
            return;
        }
        Result result = new BigTable(options, System.out, System.err).run();
        System.exit(result.failed() ? 1 : 0);
    }

    Result run() throws InterruptedException {
        double loadAtStart = loadAverage();
        boolean temporary = options.dir() == null;
        Path base;
        Path db;
        try {
            base = temporary ? Files.createTempDirectory("kyro-big-") : options.dir().toAbsolutePath().getParent();
            db = temporary ? base.resolve("db") : options.dir().toAbsolutePath();
            requireEmpty(db);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory: " + e.getMessage(), e);
        }
        Path gcLog = base.resolve(db.getFileName() + "-gc.log");
        List<String> args = new ArrayList<>(List.of("--db", db.toString()));
        args.addAll(options.childArguments());
        List<String> command = ChildJvm.command(options.heap(), List.of("-Xlog:gc:file=" + gcLog), BigTableChild.class,
                args);
        log.printf("bench big: %,d rows into %s, KyroDB in a child JVM with -Xmx%s (seed %d)%n", options.rows(), db,
                options.heap(), options.seed());
        ChildReport report = new ChildReport();
        String failure = null;
        try (ChildJvm child = ChildJvm.start(command, log)) {
            try {
                for (String line; (line = child.nextLine(Duration.ofSeconds(options.stallSeconds()))) != null; ) {
                    if (!report.accept(line)) {
                        log.println(line);
                    } else if (line.startsWith("@step")) {
                        ChildReport.Step s = report.steps.getLast();
                        log.printf(Locale.ROOT, "bench big: %s done in %.2f s%n", s.name(), s.seconds());
                    } else if (line.startsWith("@log")) {
                        log.println("bench big: engine " + report.engineLog.getLast());
                    }
                }
            } catch (ChildJvm.Stalled e) {
                failure = "in " + report.started + ": " + e.getMessage() + " (--stall); killed it";
                child.kill();
            }
            int status = child.waitFor();
            if (failure == null && report.failure != null) {
                failure = "in " + report.failedStep + ": " + report.failure;
            } else if (failure == null && status != 0) {
                failure = "the child JVM exited with status " + status + " during " + report.started
                        + "; its last output: " + String.join(" / ", child.lastErrorLines());
            }
        }
        DiskUsage finalUsage = DiskUsage.of(db);
        GcLog gc = null;
        try {
            gc = GcLog.read(gcLog);
        } catch (IOException e) {
            log.println("bench big: no GC log: " + e.getMessage());
        }
        Result result = new Result(report, finalUsage, gc, failure);
        print(result, loadAtStart);
        if (temporary && !options.keep()) {
            deleteTree(base);
        } else {
            log.println("bench big: database kept in " + db + ", GC log " + gcLog);
        }
        return result;
    }

    private void print(Result r, double loadAtStart) {
        ChildReport report = r.report();
        Runtime.Version v = Runtime.version();
        out.printf(Locale.ROOT, "KyroDB big table  rows=%d val-length=%d batch=%d seed=%d heap=-Xmx%s jvm=%d cores=%d%n",
                options.rows(), options.valLength(), options.batch(), options.seed(), options.heap(), v.feature(),
                Runtime.getRuntime().availableProcessors());
        var info = report.info;
        if (info.containsKey("memtable_size")) {
            out.printf(Locale.ROOT, "engine settings (SHOW): memtable_size=%s (in effect %s: at most heap/8),"
                            + " cache_size=%s (in effect %s: at most heap/4), transaction_memory=%s, work_mem=%s, sync=%s%n",
                    info.get("memtable_size"), mib(info.get("memtable_effective")), info.get("cache_size"),
                    mib(info.get("cache_effective")), info.get("transaction_memory"), info.get("work_mem"),
                    info.get("sync"));
        }
        out.println();
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"step", "seconds", "rows", "rows/s", "used MiB", "after GC MiB", "after full GC MiB",
            "GCs", "full GCs", "live at end MiB"});
        for (ChildReport.Step s : report.steps) {
            table.add(new String[]{s.name(), String.format(Locale.ROOT, "%,.2f", s.seconds()),
                    s.rows() == 0 ? "-" : String.format(Locale.ROOT, "%,d", s.rows()),
                    s.rows() == 0 || s.seconds() <= 0 ? "-" : String.format(Locale.ROOT, "%,.0f", s.rows() / s.seconds()),
                    mibCell(s.heapUsed()), mibCell(s.afterGc()), mibCell(s.afterFullGc()), Long.toString(s.gcs()),
                    Long.toString(s.fullGcs()), mibCell(s.liveAtEnd())});
        }
        if (r.failed()) {
            String step = report.failedStep != null ? report.failedStep : report.started;
            table.add(new String[]{step, "FAILED", "", "", "", "", "", "", "", ""});
        }
        out.print(align(table));
        out.println();
        out.println("notes:");
        for (ChildReport.Step s : report.steps) {
            if (!s.note().isEmpty()) {
                out.print(ReportTable.wrap(s.note(), "  " + s.name() + ": ", "      "));
            }
        }
        out.print(ReportTable.wrap("used: the most heap in use at any moment (sampled every 20 ms, and before"
                + " each GC), garbage included, so it nears -Xmx under any load. after GC: the most left right after"
                + " a collection; after a young one that includes the old generation's garbage, and at -Xmx the"
                + " collector ran out of room. after full GC: the most left after a full collection the JVM ran"
                + " under pressure (what was live then). live at end: the heap after a System.gc() once the step"
                + " ended, outside its time (what the engine still held)", "  heap: ", "        "));
        out.println();
        out.println("disk (apparent size of the files, as du -sb):");
        for (ChildReport.Size s : report.sizes) {
            out.printf(Locale.ROOT, "  %-18s %s%n", s.label(), s.usage().describe());
        }
        out.printf(Locale.ROOT, "  %-18s %s%n", "final, closed", r.finalUsage().describe());
        DiskUsage loaded = size(report, "after load");
        DiskUsage beforeDelete = size(report, "after update");
        if (loaded != null && beforeDelete != null && report.step("final close") != null && loaded.runs() > 0) {
            double share = 100.0 * r.finalUsage().runs() / loaded.runs();
            out.print(ReportTable.wrap(String.format(Locale.ROOT, "runs/ held %s after the load and its"
                            + " compaction (every id once), %s before the DELETE, %s at the end: %.0f%% of the loaded"
                            + " table, which keeps 90%% of its"
                            + " rows. %s", DiskUsage.mb(loaded.runs()), DiskUsage.mb(beforeDelete.runs()),
                    DiskUsage.mb(r.finalUsage().runs()), share, share < 95
                            ? "The deleted rows' space was given back."
                            : "The deleted rows' space was not given back (their versions and tombstones are still in runs)."),
                    "  delete: ", "          "));
        }
        out.println();
        if (info.containsKey("heap_peak_used")) {
            long live = report.steps.stream().mapToLong(ChildReport.Step::liveAtEnd).max().orElse(-1);
            out.printf(Locale.ROOT, "heap (MXBeans): of -Xmx %s: peak used %s, after GC at most %s, after a full GC"
                            + " at most %s (%s full of %s GCs), live at a step's end at most %s%n",
                    mib(info.get("heap_max")), mib(info.get("heap_peak_used")), mib(info.get("heap_peak_after_gc")),
                    mib(info.get("heap_peak_after_full_gc")), info.get("full_gcs"), info.get("gcs"), live < 0 ? "-" : GcLog.mib(live));
        }
        if (r.gc() != null) {
            out.println("heap (GC log): " + r.gc().describe() + (r.gc().outOfMemory() ? "; OutOfMemoryError logged" : ""));
        }
        out.println("engine warnings: " + (report.engineLog.isEmpty() ? "none" : ""));
        for (String w : report.engineLog) {
            out.print(ReportTable.wrap(w, "  ", "    "));
        }
        out.println("result: " + (r.failed() ? "FAILED " + r.failure() : "OK, every answer checked"));
        out.printf(Locale.ROOT, "machine: load average %.1f at the start, %.1f at the end, on %d cores%n", loadAtStart,
                loadAverage(), Runtime.getRuntime().availableProcessors());
        out.println("replay: bin/bench big " + options.replayArguments());
        out.flush();
    }

    private static DiskUsage size(ChildReport report, String label) {
        for (ChildReport.Size s : report.sizes) {
            if (s.label().equals(label)) {
                return s.usage();
            }
        }
        return null;
    }

    private static String mibCell(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%,.0f", bytes / 1048576.0);
    }

    private static String mib(String bytes) {
        if (bytes == null) {
            return "?";
        }
        long b = Long.parseLong(bytes);
        return b < 0 ? "-" : GcLog.mib(b);
    }

    /** Columns padded: the first left-aligned, the rest right-aligned. */
    static String align(List<String[]> rows) {
        int[] widths = new int[rows.getFirst().length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String pad = " ".repeat(widths[c] - row[c].length());
                line.append(c == 0 ? "" : ReportTable.GAP).append(c == 0 ? row[c] + pad : pad + row[c]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void requireEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty; the run needs a new directory");
                }
            }
        }
        Files.createDirectories(dir);
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }
}
