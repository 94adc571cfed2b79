package io.kyrodb.bench;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Command-line options of {@link RecoveryTime} ({@code bin/bench recovery}).
 *
 * @param targetMb    database size (MB, 10^6 bytes) the writer reaches before the first kill
 * @param killWindow  each kill comes at a seeded uniformly random moment this many seconds after
 *                    the writer reported the target size reached
 * @param settings    engine settings for the JDBC URL, each {@code key=value}
 * @param dir         the database directory (must not exist or be empty); null for a temporary one
 */
public record RecoveryOptions(long targetMb, int valLength, int batch, int trials, double killWindow, String heap,
                              long seed, List<String> settings, int stallSeconds, Path dir, boolean keep,
                              boolean help) {

    public static final String USAGE = """
            Usage: bin/bench recovery [options]
            Recovery time after a crash: a child JVM (-Xmx512m) loads KyroDB to --target-mb and keeps
            committing INSERTs of --batch rows a transaction; this JVM kills it (SIGKILL) at a seeded
            random moment, then opens the database itself and times it from
            DriverManager.getConnection to the first query's answer. It reads the WAL tail the engine
            replayed from the engine's log (FINE, io.kyrodb.engine.storage.Storage) and checks that
            every commit the child saw acknowledged is there, and no partial transaction. Repeats
            --trials times on the same, growing database (a new child each time).

              --target-mb N      database size before the first kill, MB (default 1000)
              --val-length N     characters of each val (default 1000: rows of about 1 kB)
              --batch N          rows per INSERT batch and transaction (default 10000)
              --trials N         crashes and reopens (default 3)
              --kill-window S    each kill at a random moment within S seconds after the writer
                                 passed the target size (default 20; decimals allowed)
              --heap SIZE        the child JVM's -Xmx (default 512m)
              --set KEY=VALUE    an engine setting for the JDBC URL (;KEY=VALUE), e.g.
                                 --set memtable_size=16MB; repeatable (default: the engine's defaults)
              --seed S           seed of the kill moments (default: random, printed)
              --stall S          fail if the child prints nothing for S seconds (default 900)
              --dir PATH         the database directory (must not exist or be empty; kept)
              --keep             keep the temporary database
              --help             this text
            """;

    public static RecoveryOptions parse(String... args) {
        long targetMb = 1000;
        int valLength = 1000;
        int batch = 10_000;
        int trials = 3;
        double window = 20;
        String heap = BigTableOptions.DEFAULT_HEAP;
        Long seed = null;
        List<String> settings = new ArrayList<>();
        int stall = 900;
        Path dir = null;
        boolean keep = false;
        boolean help = false;
        Args a = new Args(args);
        while (a.next()) {
            switch (a.option()) {
                case "--help", "-h" -> help = true;
                case "--keep" -> keep = true;
                case "--target-mb" -> targetMb = a.positiveLong(1_000_000);
                case "--val-length" -> valLength = a.positiveInt();
                case "--batch" -> batch = a.positiveInt();
                case "--trials" -> trials = a.positiveInt();
                case "--kill-window" -> window = a.seconds();
                case "--heap" -> heap = a.heap();
                case "--set" -> settings.add(a.setting());
                case "--seed" -> seed = a.number();
                case "--stall" -> stall = a.positiveInt();
                case "--dir" -> dir = Path.of(a.value());
                default -> throw a.unknown();
            }
        }
        if (seed == null) {
            seed = new SecureRandom().nextLong();
        }
        return new RecoveryOptions(targetMb, valLength, batch, trials, window, heap, seed, List.copyOf(settings),
                stall, dir, keep, help);
    }

    public String url(Path dir) {
        return Args.url(dir, settings);
    }

    /** The arguments that replay this run. */
    public String replayArguments() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "--target-mb %d --val-length %d --batch %d --trials %d --kill-window %s --heap %s --seed %d",
                targetMb, valLength, batch, trials, java.math.BigDecimal.valueOf(killWindow).stripTrailingZeros()
                        .toPlainString(), heap, seed));
        for (String setting : settings) {
            s.append(" --set ").append(setting);
        }
        return s.toString();
    }
}
