package io.kyrodb.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Command-line options of {@link BigTable} ({@code bin/bench big}). The child JVM gets the same
 * options back ({@link #childArguments}) with the database directory.
 *
 * @param settings engine settings appended to the JDBC URL, each {@code key=value}
 * @param dir      the database directory (must not exist or be empty); null for a temporary one
 */
public record BigTableOptions(long rows, int batch, int valLength, int lookups, long range, String heap,
                              long seed, List<String> settings, int settleSeconds, int settleLimitSeconds,
                              int stallSeconds, Path dir, boolean keep, boolean help) {

    public static final long DEFAULT_ROWS = 10_000_000;
    public static final int DEFAULT_BATCH = 10_000;
    public static final int DEFAULT_VAL_LENGTH = 60;
    public static final int DEFAULT_LOOKUPS = 10_000;
    public static final long DEFAULT_RANGE = 100_000;
    public static final String DEFAULT_HEAP = "512m";

    public static final String USAGE = """
            Usage: bin/bench big [options]
            Data bigger than memory: KyroDB in a child JVM with -Xmx512m loads a table of --rows rows
            (10,000,000 rows of about 100 bytes on disk each: about 1 GB), reads it back every way
            (count, point lookups, a range, a full scan streamed through JDBC), updates 1% and
            deletes 10% of it, checkpoints, closes and reopens it, checks every count, and waits for
            compaction. Reports each step's time and peak heap, and the database's size on disk
            (runs/, wal/) after each change. A failure (OutOfMemoryError, an SQL error, a wrong
            answer) is reported with the step it happened in; the exit status is then 1.

              --rows N           rows to load (default 10000000)
              --batch N          rows per executeBatch and transaction in load, update and delete
                                 (default 10000)
              --val-length N     characters of each val (default 60: a row takes about 100 bytes
                                 in a run file)
              --lookups N        random point lookups, each checked (default 10000)
              --range N          ids the range scan covers (default 100000)
              --heap SIZE        the child JVM's -Xmx (default 512m)
              --set KEY=VALUE    an engine setting for the JDBC URL (;KEY=VALUE), e.g.
                                 --set memtable_size=16MB; repeatable (default: the engine's defaults)
              --seed S           seed of the load order and of the ids read (default: random, printed)
              --settle S         compaction counts as finished once runs/ kept its size for S
                                 seconds (default 30)
              --settle-limit S   wait at most S seconds for that (default 600)
              --stall S          fail if the child prints nothing for S seconds (default 900)
              --dir PATH         the database directory (must not exist or be empty; kept)
              --keep             keep the temporary database directory and GC log
              --help             this text
            """;

    public static BigTableOptions parse(String... args) {
        long rows = DEFAULT_ROWS;
        int batch = DEFAULT_BATCH;
        int valLength = DEFAULT_VAL_LENGTH;
        int lookups = DEFAULT_LOOKUPS;
        long range = DEFAULT_RANGE;
        String heap = DEFAULT_HEAP;
        Long seed = null;
        List<String> settings = new ArrayList<>();
        int settle = 30;
        int settleLimit = 600;
        int stall = 900;
        Path dir = null;
        boolean keep = false;
        boolean help = false;
        Args a = new Args(args);
        while (a.next()) {
            switch (a.option()) {
                case "--help", "-h" -> help = true;
                case "--keep" -> keep = true;
                case "--rows" -> rows = a.positiveLong(Integer.MAX_VALUE - 1);
                case "--batch" -> batch = a.positiveInt();
                case "--val-length" -> valLength = a.positiveInt();
                case "--lookups" -> lookups = a.nonNegativeInt();
                case "--range" -> range = a.positiveLong(Integer.MAX_VALUE);
                case "--heap" -> heap = a.heap();
                case "--set" -> settings.add(a.setting());
                case "--seed" -> seed = a.number();
                case "--settle" -> settle = a.nonNegativeInt();
                case "--settle-limit" -> settleLimit = a.nonNegativeInt();
                case "--stall" -> stall = a.positiveInt();
                case "--dir" -> dir = Path.of(a.value());
                default -> throw a.unknown();
            }
        }
        if (seed == null) {
            seed = new SecureRandom().nextLong();
        }
        return new BigTableOptions(rows, batch, valLength, lookups, range, heap, seed, List.copyOf(settings), settle,
                settleLimit, stall, dir, keep, help);
    }

    /** The JDBC URL of the database in {@code dir} with the chosen settings. */
    public String url(Path dir) {
        return Args.url(dir, settings);
    }

    /** What the child needs: everything but where and how it runs. */
    List<String> childArguments() {
        List<String> args = new ArrayList<>(List.of("--rows", Long.toString(rows), "--batch", Integer.toString(batch),
                "--val-length", Integer.toString(valLength), "--lookups", Integer.toString(lookups),
                "--range", Long.toString(range), "--seed", Long.toString(seed),
                "--settle", Integer.toString(settleSeconds), "--settle-limit", Integer.toString(settleLimitSeconds)));
        for (String s : settings) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    /** The arguments that replay this run. */
    public String replayArguments() {
        return String.join(" ", childArguments()) + " --heap " + heap;
    }
}
