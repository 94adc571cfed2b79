package io.kyrodb.bench;

import java.util.Arrays;

/**
 * Summary of a set of latency samples in nanoseconds.
 *
 * <p>Percentiles use the nearest-rank method on the sorted samples: the p-th percentile is the
 * smallest sample such that at least p% of all samples are less than or equal to it, i.e. the one
 * at rank {@code ceil(p/100 * count)} (1-based). It is always one of the measured values, never an
 * interpolation, so p100 is the maximum and p50 of an even count is the lower middle value.
 */
public final class LatencyStats {

    private final long[] sorted;
    private final double mean;

    private LatencyStats(long[] sorted) {
        this.sorted = sorted;
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        this.mean = sum / sorted.length;
    }

    /** Summarizes the first {@code count} samples of {@code nanos}; the array is not modified. */
    public static LatencyStats of(long[] nanos, int count) {
        if (count < 1 || count > nanos.length) {
            throw new IllegalArgumentException(
                    "need 1.." + nanos.length + " samples, not " + count);
        }
        long[] copy = Arrays.copyOf(nanos, count);
        Arrays.sort(copy);
        return new LatencyStats(copy);
    }

    public static LatencyStats of(long... nanos) {
        return of(nanos, nanos.length);
    }

    public int count() {
        return sorted.length;
    }

    /** Nearest-rank percentile, {@code 0 < p <= 100}, in nanoseconds. */
    public long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], not " + p);
        }
        // The epsilon keeps ranks that are whole numbers on paper (99.9% of 1000) from rounding up
        // to the next sample because p is not exact in binary.
        int rank = (int) Math.ceil(p * sorted.length / 100.0 - 1e-9);
        return sorted[Math.min(Math.max(rank, 1), sorted.length) - 1];
    }

    public long median() {
        return percentile(50);
    }

    public double mean() {
        return mean;
    }

    public long min() {
        return sorted[0];
    }

    public long max() {
        return sorted[sorted.length - 1];
    }

    /** Converts nanoseconds to microseconds for reporting. */
    public static double micros(double nanos) {
        return nanos / 1_000.0;
    }
}
