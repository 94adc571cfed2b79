package io.kyrodb.bench.jmh;

import io.kyrodb.bench.index.IndexMemory;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code bin/bench jmh}: the learned-index issue's measurements. Prints the models' memory table
 * ({@link IndexMemory}), then runs the JMH benchmarks with this project's defaults (5 forks, 3
 * warm-up and 5 measured iterations of 1 s) unless the JMH options given say otherwise, then a
 * summary: for each benchmark the median over forks of each fork's score, the forks' range, JMH's
 * mean and 99.9% interval, and the ratios.
 *
 * <pre>
 * bin/bench jmh                         every figure: 10M keys, 5 forks (hours on a busy machine)
 * bin/bench jmh --quick                 1M keys, 1 fork, short iterations: minutes, for a look
 * bin/bench jmh --no-memory 'pgm' -p dist=uniform -p epsilon=16
 * bin/bench jmh --memory-only           the memory table alone (--keys N, --seed S)
 * bin/bench jmh -h                      JMH's own options (-prof gc, -lprof, -l, ...)
 * </pre>
 */
public final class JmhMain {
    /** The benchmarks; {@code pgmPredictOnly} (profiling) runs only when named. */
    static final List<String> DEFAULT_INCLUDES = List.of(
            "IndexLookupBenchmark\\.(binarySearch|pgm|hppcPgm|treeMap|btree)$",
            "MixedWorkloadBenchmark\\.");

    private JmhMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean memory = true;
        boolean memoryOnly = false;
        Integer memoryKeys = null;
        long memorySeed = 42;
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> quick = true;
                case "--no-memory" -> memory = false;
                case "--memory-only" -> memoryOnly = true;
                case "--keys" -> memoryKeys = Integer.parseInt(value(args, ++i, a).replace("_", ""));
                case "--seed" -> memorySeed = Long.parseLong(value(args, ++i, a));
                case "-h", "--help", "-l", "-lp", "-lprof", "-lrf" -> {
                    if (a.equals("--help") || a.equals("-h")) {
                        System.out.println(usage());
                    }
                    org.openjdk.jmh.Main.main(new String[]{a.equals("--help") ? "-h" : a});
                    return;
                }
                default -> jmhArgs.add(a);
            }
        }
        CommandLineOptions cmd = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        int keys = memoryKeys != null ? memoryKeys
                : cmd.getParameter("keys").hasValue() ? Integer.parseInt(cmd.getParameter("keys").get().iterator().next())
                : quick ? 1_000_000 : 10_000_000;
        if (memoryOnly) {
            IndexMemory.print(System.out, keys, memorySeed);
            return;
        }
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd);
        if (cmd.getIncludes().isEmpty()) {
            DEFAULT_INCLUDES.forEach(b::include);
        }
        // 5 forks unless -f says otherwise, run round-robin: each round runs every benchmark in one fork,
        // so a burst of load from others on a shared machine lands on all benchmarks alike instead of on
        // the five forks of one. -f N runs JMH's own way (N forks of a benchmark back to back).
        int rounds = 1;
        if (!cmd.getForkCount().hasValue()) {
            b.forks(1);
            rounds = quick ? 1 : 5;
        }
        if (!cmd.getWarmupIterations().hasValue()) {
            b.warmupIterations(quick ? 1 : 3);
        }
        if (!cmd.getMeasurementIterations().hasValue()) {
            b.measurementIterations(quick ? 2 : 5);
        }
        if (!cmd.getWarmupTime().hasValue()) {
            b.warmupTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1));
        }
        if (!cmd.getMeasurementTime().hasValue()) {
            b.measurementTime(quick ? TimeValue.milliseconds(500) : TimeValue.seconds(1));
        }
        if (!cmd.getParameter("keys").hasValue()) {
            b.param("keys", Integer.toString(keys));
        }
        Path resultBase = null;
        if (!cmd.getResultFormat().hasValue()) {
            Path dir = Path.of(System.getProperty("kyro.bench.root", "."), "bench", "target", "jmh");
            Files.createDirectories(dir);
            resultBase = dir.resolve("jmh-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            b.resultFormat(ResultFormatType.JSON);
        }
        if (memory) {
            IndexMemory.print(System.out, keys, 42);
        }
        PrintStream out = System.out;
        List<Collection<RunResult>> perRound = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            if (resultBase != null) {
                String file = resultBase + (rounds > 1 ? "-round" + round : "") + ".json";
                b.result(file);
                out.println("# JMH results (JSON) go to " + file);
            }
            if (rounds > 1) {
                out.printf("# round %d of %d (one fork of every benchmark), load average %s%n", round, rounds, loadAverage());
            }
            perRound.add(new Runner(b.build()).run());
            if (rounds > 1) {
                out.println();
                out.printf("Rounds 1..%d so far:%n", round);
                JmhSummary.print(out, JmhSummary.merge(perRound));
            }
        }
        if (rounds == 1) {
            out.println();
            JmhSummary.print(out, perRound.getFirst());
        }
        out.printf("%nload average at the end: %s%n", loadAverage());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    static String usage() {
        return """
                bin/bench jmh [--quick] [--no-memory | --memory-only [--keys N] [--seed S]] [JMH options] [regexp...]
                  The learned-index measurements (io.kyrodb.bench.jmh): lookup latency (IndexLookupBenchmark),
                  the mixed insert/lookup workload (MixedWorkloadBenchmark), and the models' memory table.
                  Defaults: 10M keys, 5 forks -wi 3 -i 5 -w 1s -r 1s, JSON results under bench/target/jmh/.
                  The 5 forks run round-robin: 5 rounds, each one fork of every benchmark (so load from
                  others on a shared machine hits all alike); -f N instead runs JMH's way, N forks back to back.
                  --quick: 1M keys, -f 1 -wi 1 -i 2 -w 500ms -r 500ms (any JMH option given still wins).
                  Parameters: -p dist=uniform,lognormal,clustered,dense -p epsilon=4,8,16,32,64 -p keys=N (--keys N for the memory table alone)
                  -p store=lsm,treeMap -p bufferKeys=65536. JMH's own help follows.
                """;
    }
}
