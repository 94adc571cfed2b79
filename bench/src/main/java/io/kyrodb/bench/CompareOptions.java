package io.kyrodb.bench;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Command-line options of {@link Compare}. Options take their value as the next argument or after
 * {@code =} ({@code --rows 2000} or {@code --rows=2000}).
 *
 * @param workloads keys of the workloads to run, in {@link #WORKLOADS} order
 * @param duration  how long each timed workload runs (each fsync pattern, commit1, commit8)
 * @param dir  parent directory for the databases (one sub-directory per engine, which must not
 *             exist or be empty); {@code null} for a fresh temporary directory
 * @param keep keep the database files of a temporary directory (those under {@code dir} are
 *             always kept)
 * @param csv  where to write the results as CSV, {@code -} for standard output, or {@code null}
 */
public record CompareOptions(int rows, int batch, long seed, List<EngineUnderTest> engines,
                             List<String> workloads, Duration duration, int warmup, int lookups,
                             int timeLimitSeconds, Path dir, boolean keep, String csv, boolean help) {

    /** Every workload, in the order they run; lookup reads the rows load inserted. */
    public static final List<String> WORKLOADS = List.of("load", "lookup", "fsync", "commit1", "commit8", "window");
    /** What runs without --workloads: all but the query workloads. */
    static final List<String> DEFAULT_WORKLOADS = List.of("load", "lookup", "fsync", "commit1", "commit8");

    public static final int DEFAULT_ROWS = 1_000_000;
    public static final int DEFAULT_BATCH = 10_000;
    public static final int DEFAULT_WARMUP = 20_000;
    public static final int DEFAULT_LOOKUPS = 100_000;
    public static final int DEFAULT_TIME_LIMIT_SECONDS = 900;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(3);

    public static final String USAGE = """
            Usage: bin/bench [options]
            Loads the same rows into KyroDB, H2 and SQLite (file databases, commits durable) in one
            JVM and prints batch-insert throughput, primary-key lookup latency and single-row commit
            rates side by side.

              --engines LIST   engines to run, comma-separated, in order (default kyro,h2,sqlite;
                               also kyro-learned, kyro-btree: KyroDB with that pk_index)
              --workloads LIST workloads to run, comma-separated (default all but window; they
                               always run in this order):
                                 load     batch inserts of --rows rows, a transaction per batch
                                 lookup   primary-key lookups on the loaded rows (needs load)
                                 fsync    the disk's fsync rate, no database (as pg_test_fsync)
                                 commit1  single-row INSERTs in autocommit, 1 connection
                                 commit8  the same from 8 connections at once (group commit)
                                 window   row_number() and a running sum over the loaded rows
                                          (needs load)
              --duration S     seconds each of fsync (per pattern), commit1 and commit8 runs;
                               decimals allowed (default 3)
              --rows N         rows to load (default 1000000)
              --batch N        rows per executeBatch (default 10000)
              --seed S         seed of the data and lookup ids (default: random, printed)
              --warmup N       lookups before measuring (default 20000)
              --lookups N      measured lookups (default 100000)
              --time-limit S   stop a workload on an engine after S seconds and report how far it
                               got (default 900)
              --dir PATH       put the databases under PATH/<engine> (kept) instead of a temp dir
              --keep           keep the temporary databases
              --csv FILE       also write the results as CSV to FILE ('-' for standard output)
              --help           this text

            Other runs: bin/bench big (a table bigger than the heap, -Xmx512m) and
            bin/bench recovery (open time after a crash); each takes --help.
            """;

    /** Parses {@code args}; throws {@link IllegalArgumentException} with a message for the user. */
    public static CompareOptions parse(String... args) {
        int rows = DEFAULT_ROWS;
        int batch = DEFAULT_BATCH;
        Long seed = null;
        List<EngineUnderTest> engines = EngineUnderTest.all();
        List<String> workloads = DEFAULT_WORKLOADS;
        Duration duration = DEFAULT_DURATION;
        int warmup = DEFAULT_WARMUP;
        int lookups = DEFAULT_LOOKUPS;
        int timeLimit = DEFAULT_TIME_LIMIT_SECONDS;
        Path dir = null;
        boolean keep = false;
        String csv = null;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--keep" -> keep = true;
                case "--rows" -> rows = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--batch" -> batch = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--warmup" -> warmup = nonNegative(arg, value != null ? value : next(args, ++i, arg));
                case "--lookups" -> lookups = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--time-limit" -> timeLimit = positive(arg, value != null ? value : next(args, ++i, arg));
                case "--seed" -> seed = number(arg, value != null ? value : next(args, ++i, arg));
                case "--engines" -> engines = engines(value != null ? value : next(args, ++i, arg));
                case "--workloads" -> workloads = workloads(value != null ? value : next(args, ++i, arg));
                case "--duration" -> duration = duration(arg, value != null ? value : next(args, ++i, arg));
                case "--dir" -> dir = Path.of(value != null ? value : next(args, ++i, arg));
                case "--csv" -> csv = value != null ? value : next(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        if (seed == null) {
            seed = new SecureRandom().nextLong();
        }
        return new CompareOptions(rows, batch, seed, engines, workloads, duration, warmup, lookups, timeLimit,
                dir, keep, csv, help);
    }

    /** The arguments that replay this run's data and lookups. */
    public String replayArguments() {
        List<String> keys = engines.stream().map(EngineUnderTest::key).toList();
        return "--engines " + String.join(",", keys) + " --workloads " + String.join(",", workloads)
                + " --rows " + rows + " --batch " + batch + " --seed " + seed + " --warmup " + warmup
                + " --lookups " + lookups + " --duration " + seconds(duration);
    }

    /** {@code duration} in seconds as typed on the command line: {@code 3}, {@code 0.25}. */
    public static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static String next(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String option, String value) {
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + value + "'");
        }
    }

    private static int nonNegative(String option, String value) {
        long n = number(option, value);
        if (n < 0 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(option + " must be between 0 and " + Integer.MAX_VALUE
                    + ", not " + value);
        }
        return (int) n;
    }

    private static int positive(String option, String value) {
        int n = nonNegative(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
        return n;
    }

    /** Whole or decimal seconds, at least a millisecond, at most an hour. */
    private static Duration duration(String option, String value) {
        BigDecimal seconds;
        try {
            seconds = new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number of seconds, not '" + value + "'");
        }
        if (seconds.compareTo(new BigDecimal("0.001")) < 0 || seconds.compareTo(BigDecimal.valueOf(3600)) > 0) {
            throw new IllegalArgumentException(option + " must be between 0.001 and 3600 seconds, not " + value);
        }
        return Duration.ofMillis(seconds.movePointRight(3).longValue());
    }

    private static List<String> workloads(String list) {
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : list.split(",")) {
            String key = name.strip().toLowerCase(java.util.Locale.ROOT);
            if (key.isEmpty()) {
                continue;
            }
            if (!WORKLOADS.contains(key)) {
                throw new IllegalArgumentException("unknown workload '" + name.strip() + "' (known: "
                        + String.join(", ", WORKLOADS) + ")");
            }
            wanted.add(key);
        }
        if (wanted.isEmpty()) {
            throw new IllegalArgumentException("--workloads needs at least one workload, not '" + list + "'");
        }
        if (wanted.contains("window") && !wanted.contains("load")) {
            throw new IllegalArgumentException("--workloads: window reads the rows load inserts, so it needs load too");
        }
        if (wanted.contains("lookup") && !wanted.contains("load")) {
            throw new IllegalArgumentException("--workloads: lookup reads the rows load inserts, so it needs load too");
        }
        return WORKLOADS.stream().filter(wanted::contains).toList();
    }

    private static List<EngineUnderTest> engines(String list) {
        Set<String> seen = new LinkedHashSet<>();
        List<EngineUnderTest> engines = new ArrayList<>();
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            EngineUnderTest engine = EngineUnderTest.byKey(name);
            if (seen.add(engine.key())) {
                engines.add(engine);
            }
        }
        if (engines.isEmpty()) {
            throw new IllegalArgumentException("--engines needs at least one engine, not '" + list + "'");
        }
        return List.copyOf(engines);
    }
}
