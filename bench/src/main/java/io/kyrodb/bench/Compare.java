package io.kyrodb.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The comparison harness: loads the same data set into each chosen engine, one after the other in
 * this JVM, runs the same workloads on it through JDBC and prints the figures side by side
 * ({@code bin/bench --help} for the options).
 *
 * <p>Each engine gets a new file database in its own directory, a connection the workloads share
 * (a workload may open more: {@link BenchDatabase#connect}) and a garbage collection before it
 * starts. An engine that fails (cannot be opened, throws, or answers wrongly) is reported as failed
 * with the reason and the others still run; the exit status is then 1. Progress goes to standard
 * error, the report to standard output.
 */
public final class Compare {

    private final CompareOptions options;
    private final PrintStream out;
    private final PrintStream log;
    private double loadAtStart;

    public Compare(CompareOptions options, PrintStream out, PrintStream log) {
        this.options = options;
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) {
        CompareOptions options;
        try {
            options = CompareOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.err.print(CompareOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(CompareOptions.USAGE);
            return;
        }
        List<EngineRun> runs = new Compare(options, System.out, System.err).run();
        System.exit(runs.stream().anyMatch(EngineRun::failed) ? 1 : 0);
    }

    /** The chosen workloads every engine runs, in order: the load first, as lookup reads its rows. */
    List<Workload> workloads() {
        TimeLimit limit = new TimeLimit(Duration.ofSeconds(options.timeLimitSeconds()));
        List<Workload> workloads = new ArrayList<>();
        for (String key : options.workloads()) {
            workloads.add(switch (key) {
                case "load" -> new InsertBenchmark(options.batch(), limit);
                case "lookup" -> new LookupBenchmark(options.warmup(), options.lookups(), limit);
                case "fsync" -> new FsyncProbe(options.duration());
                case "commit1" -> new CommitBenchmark(1, options.duration());
                case "commit8" -> new CommitBenchmark(8, options.duration());
                case "window" -> new WindowBenchmark(5);
                default -> throw new IllegalStateException("no workload '" + key + "'");
            });
        }
        return workloads;
    }

    /** Runs every engine, prints the report (and CSV if asked) and returns the runs. */
    public List<EngineRun> run() {
        loadAtStart = loadAverage();
        log.printf("bench: generating %,d rows with seed %d%n", options.rows(), options.seed());
        Dataset data = Dataset.generate(options.seed(), options.rows());
        boolean temporary = options.dir() == null;
        Path base;
        try {
            base = temporary ? Files.createTempDirectory("kyro-bench-") : options.dir();
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory: " + e.getMessage(), e);
        }
        List<EngineRun> runs = new ArrayList<>();
        try {
            for (EngineUnderTest engine : options.engines()) {
                System.gc();
                Path dir = base.resolve(engine.key());
                runs.add(runEngine(engine, dir, data));
                if (temporary && !options.keep()) {
                    deleteTree(dir); // so the next engine does not share the disk and page cache with it
                }
            }
        } finally {
            if (temporary && !options.keep()) {
                deleteTree(base);
            } else {
                log.println("bench: databases kept under " + base.toAbsolutePath());
            }
        }
        ReportTable table = new ReportTable(runs);
        out.print(header());
        out.print(table.text());
        out.println();
        out.println("notes:");
        out.print(table.notes());
        out.print(ReportTable.wrap(dataNote(), "  data: ", "        "));
        for (Workload workload : workloads()) {
            String first = "  " + workload.name() + ": ";
            out.print(ReportTable.wrap(workload.method(), first, " ".repeat(first.length())));
        }
        if (runs.stream().flatMap(r -> r.measurements().stream())
                .anyMatch(m -> Ratios.RULES.stream().anyMatch(rule -> rule.key().equals(m.key())))) {
            out.print(ReportTable.wrap(Ratios.NOTE, "  ratios: ", "          "));
        }
        out.print(ReportTable.wrap(String.format(Locale.ROOT, "system load average %.1f at the start, %.1f at"
                + " the end, on %d cores (other processes competing for CPU or disk make the figures noisy)",
                loadAtStart, loadAverage(), Runtime.getRuntime().availableProcessors()), "  machine: ", "           "));
        out.print(ReportTable.wrap("bin/bench " + options.replayArguments(), "  replay: ", "        "));
        out.flush();
        if (options.csv() != null) {
            writeCsv(table.csv());
        }
        return runs;
    }

    private String header() {
        Runtime.Version v = Runtime.version();
        return String.format(Locale.ROOT, "KyroDB comparison  rows=%d batch=%d seed=%d jvm=%d cores=%d"
                + " workloads=%s duration=%ss%n", options.rows(), options.batch(), options.seed(), v.feature(),
                Runtime.getRuntime().availableProcessors(), String.join(",", options.workloads()),
                CompareOptions.seconds(options.duration()))
                + String.format(Locale.ROOT, "jvm: %s %s (%s), max heap %,d MB, %s %s%n",
                System.getProperty("java.vm.name"), v, System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("os.name"),
                System.getProperty("os.arch"));
    }

    /** The OS's one-minute load average, or -1 where it has none. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private String dataNote() {
        return String.format(Locale.ROOT, "kv: ids 1..%d inserted in a seeded shuffled order (Fisher-Yates),"
                + " val %d-%d chars of words, n a random int (the commit workloads reuse the vals);"
                + " each engine runs in a new database of its own, one engine after the other;"
                + " db MB is the directory size after close",
                options.rows(), Dataset.MIN_VAL_LENGTH, Dataset.MAX_VAL_LENGTH);
    }

    private EngineRun runEngine(EngineUnderTest engine, Path dir, Dataset data) {
        String name = engine.displayName();
        String version = "";
        String durability = "";
        List<Measurement> measurements = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String failure = null;
        String stage = "open";
        log.printf("bench: [%s] %s%n", name, engine.url(dir));
        try {
            requireEmpty(dir);
            try (Connection connection = engine.open(dir)) {
                version = version(connection.getMetaData());
                durability = engine.durability(connection);
                BenchDatabase database = new BenchDatabase(engine, dir, connection);
                List<String> gc = new ArrayList<>();
                for (Workload workload : workloads()) {
                    stage = workload.name();
                    log.printf("bench: [%s] %s%n", name, stage);
                    GcActivity before = GcActivity.now();
                    WorkloadResult result = workload.run(database, data, log);
                    gc.add(workload.name() + " " + GcActivity.now().since(before));
                    measurements.addAll(result.measurements());
                    measurements.addAll(Ratios.derive(measurements, result.measurements()));
                    tags.addAll(result.tags());
                    for (String note : result.notes()) {
                        notes.add(workload.name() + ": " + note);
                    }
                }
                notes.add("JVM GC during " + String.join("; ", gc));
                stage = "close";
            }
            measurements.add(new Measurement("db_mb", "db MB", directorySize(dir) / 1e6, 1));
        } catch (Exception | OutOfMemoryError | StackOverflowError e) {
            failure = "in " + stage + ": " + describe(e);
            log.printf("bench: [%s] FAILED %s%n", name, failure);
            e.printStackTrace(log);
        }
        return new EngineRun(name, version, durability, measurements, tags, notes, failure);
    }

    private static String version(DatabaseMetaData meta) throws SQLException {
        return meta.getDatabaseProductName() + " " + meta.getDatabaseProductVersion() + ", driver "
                + meta.getDriverName() + " " + meta.getDriverVersion();
    }

    private static String describe(Throwable e) {
        if (e instanceof TimeLimit.Exceeded) {
            return e.getMessage();
        }
        StringBuilder s = new StringBuilder(e.getClass().getSimpleName());
        if (e instanceof SQLException sql && sql.getSQLState() != null) {
            s.append(" [").append(sql.getSQLState()).append(']');
        }
        if (e.getMessage() != null) {
            s.append(": ").append(e.getMessage().strip());
        }
        return s.toString();
    }

    private static void requireEmpty(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IOException(dir + " is not empty; each engine needs a new directory");
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static long directorySize(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    private void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            log.println("bench: could not delete " + dir + ": " + e.getMessage());
        }
    }

    private void writeCsv(String csv) {
        if ("-".equals(options.csv())) {
            out.println();
            out.print(csv);
            out.flush();
            return;
        }
        try {
            Files.writeString(Path.of(options.csv()), csv, StandardCharsets.UTF_8);
            log.println("bench: CSV written to " + options.csv());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + options.csv() + ": " + e.getMessage(), e);
        }
    }
}
