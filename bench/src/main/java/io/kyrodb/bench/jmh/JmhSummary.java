package io.kyrodb.bench.jmh;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The summary {@code bin/bench jmh} prints after JMH's own: per benchmark and parameters, each
 * fork's score (its mean over its measured iterations; for SampleTime, its p50 and p99), and the
 * median over forks with the forks' [min, max] as the error bar, beside JMH's mean and 99.9%
 * interval; then the issue's ratios, each with the range the forks' extremes allow.
 */
final class JmhSummary {
    /** One benchmark with one set of parameters: a figure per fork. */
    record Figure(String method, Map<String, String> params, String unit, Mode mode, double[] forks, double[] p50,
                  double[] p99, double jmhScore, double jmhError) {
        double median() {
            return JmhSummary.median(forks);
        }

        String key() {
            return method + params;
        }
    }

    private JmhSummary() {
    }

    /** The rounds' results as one: per benchmark and parameters, every round's forks together. */
    static Collection<RunResult> merge(List<Collection<RunResult>> rounds) {
        Map<String, BenchmarkParams> params = new LinkedHashMap<>();
        Map<String, List<BenchmarkResult>> forks = new LinkedHashMap<>();
        for (Collection<RunResult> round : rounds) {
            for (RunResult rr : round) {
                String key = rr.getParams().id();
                params.putIfAbsent(key, rr.getParams());
                forks.computeIfAbsent(key, k -> new ArrayList<>()).addAll(rr.getBenchmarkResults());
            }
        }
        List<RunResult> out = new ArrayList<>();
        forks.forEach((k, v) -> out.add(new RunResult(params.get(k), v)));
        return out;
    }

    static List<Figure> figures(Collection<RunResult> results) {
        List<Figure> out = new ArrayList<>();
        for (RunResult rr : results) {
            BenchmarkParams p = rr.getParams();
            String method = p.getBenchmark().substring(p.getBenchmark().lastIndexOf('.', p.getBenchmark().lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new LinkedHashMap<>();
            for (String k : new TreeSet<>(p.getParamsKeys())) {
                if (!k.equals("seed") && !k.equals("keys")) {
                    params.put(k, p.getParam(k));
                }
            }
            List<BenchmarkResult> forks = new ArrayList<>(rr.getBenchmarkResults());
            double[] scores = new double[forks.size()];
            double[] p50 = new double[forks.size()];
            double[] p99 = new double[forks.size()];
            for (int i = 0; i < forks.size(); i++) {
                var r = forks.get(i).getPrimaryResult();
                scores[i] = r.getScore();
                p50[i] = r.getStatistics().getPercentile(50);
                p99[i] = r.getStatistics().getPercentile(99);
            }
            out.add(new Figure(method, params, rr.getPrimaryResult().getScoreUnit(), p.getMode(), scores, p50, p99,
                    rr.getPrimaryResult().getScore(), rr.getPrimaryResult().getScoreError()));
        }
        return out;
    }

    static void print(PrintStream out, Collection<RunResult> results) {
        List<Figure> figures = figures(results);
        if (figures.isEmpty()) {
            out.println("no results");
            return;
        }
        int keys = results.iterator().next().getParams().getParam("keys") == null ? 0
                : Integer.parseInt(results.iterator().next().getParams().getParam("keys"));
        out.printf("Summary (%,d keys): median over forks of each fork's score, [min, max] over forks; JMH mean +- 99.9%% CI%n",
                keys);
        out.printf("%-40s %-34s %5s %26s %22s  %s%n", "benchmark", "params", "forks", "median [min, max]",
                "JMH mean +- error", "unit");
        for (Figure f : figures) {
            out.printf("%-40s %-34s %5d %26s %22s  %s%n", f.method(), f.params(), f.forks().length,
                    range(f.forks()), String.format(Locale.ROOT, "%.1f +- %.1f", f.jmhScore(), f.jmhError()), f.unit());
            if (f.mode() == Mode.SampleTime) {
                out.printf("%-40s %-34s %5s %26s%n", "", "  p50", "", range(f.p50()));
                out.printf("%-40s %-34s %5s %26s%n", "", "  p99", "", range(f.p99()));
            }
        }
        lookupRatios(out, figures);
        mixedRatios(out, figures);
    }

    private static void lookupRatios(PrintStream out, List<Figure> figures) {
        Map<String, Figure> byKey = new LinkedHashMap<>();
        TreeSet<String> dists = new TreeSet<>();
        for (Figure f : figures) {
            if (f.method().startsWith("IndexLookupBenchmark.")) {
                byKey.put(f.method().substring(f.method().indexOf('.') + 1) + "/" + f.params().get("dist")
                        + (f.params().containsKey("epsilon") ? "/" + f.params().get("epsilon") : ""), f);
                dists.add(f.params().get("dist"));
            }
        }
        if (byKey.isEmpty()) {
            return;
        }
        out.println();
        out.println("Lookup latency against binarySearch and hppc (ratio of fork medians [lowest, highest over all pairs of forks]);"
                + " goals: pgm <= 0.5x binarySearch, <= 0.8x hppc");
        for (String d : dists) {
            Figure bs = byKey.get("binarySearch/" + d);
            Figure hppc = byKey.get("hppcPgm/" + d);
            for (Map.Entry<String, Figure> e : byKey.entrySet()) {
                String[] k = e.getKey().split("/");
                if (!k[1].equals(d) || k[0].equals("binarySearch")) {
                    continue;
                }
                String name = k.length > 2 ? k[0] + "@" + k[2] : k[0];
                out.printf("  %-10s %-14s %9.1f ns   vs binarySearch %-24s vs hppc %s%n", d, name, e.getValue().median(),
                        bs == null ? "-" : ratio(e.getValue(), bs), hppc == null || hppc == e.getValue() ? "-" : ratio(e.getValue(), hppc));
            }
        }
    }

    private static void mixedRatios(PrintStream out, List<Figure> figures) {
        Map<String, Figure> by = new LinkedHashMap<>();
        for (Figure f : figures) {
            if (f.method().startsWith("MixedWorkloadBenchmark.")) {
                by.put(f.method().substring(f.method().indexOf('.') + 1) + "/" + f.params().get("store"), f);
            }
        }
        if (by.isEmpty()) {
            return;
        }
        out.println();
        out.println("Mixed workload (goals: lsm throughput >= 3x treeMap's; mixed p99 lookup <= 2x read-only median)");
        Figure lsm = by.get("mixed/lsm");
        Figure tree = by.get("mixed/treeMap");
        if (lsm != null && tree != null) {
            out.printf("  throughput lsm / treeMap: %s%n", ratio(lsm, tree));
        }
        for (String store : List.of("lsm", "treeMap")) {
            Figure ro = by.get("readOnlyLookup/" + store);
            Figure mx = by.get("mixedLookup/" + store);
            if (ro != null && mx != null) {
                double ro50 = median(ro.p50());
                double mx99 = median(mx.p99());
                out.printf("  %-8s read-only p50 %.0f ns, p99 %.0f ns; mixed p50 %.0f ns, p99 %.0f ns; mixed p99 / read-only p50 = %.2f [%.2f, %.2f]%n",
                        store, ro50, median(ro.p99()), median(mx.p50()), mx99, mx99 / ro50,
                        min(mx.p99()) / max(ro.p50()), max(mx.p99()) / min(ro.p50()));
            }
        }
    }

    /** a / b with the range from the forks' extremes. */
    private static String ratio(Figure a, Figure b) {
        return String.format(Locale.ROOT, "%.2fx [%.2f, %.2f]", a.median() / b.median(), min(a.forks()) / max(b.forks()),
                max(a.forks()) / min(b.forks()));
    }

    private static String range(double[] v) {
        return String.format(Locale.ROOT, "%s [%s, %s]", num(median(v)), num(min(v)), num(max(v)));
    }

    private static String num(double v) {
        return v >= 1e5 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
