package io.kyrodb.engine.stats;

import io.kyrodb.engine.types.Values;

import java.util.List;

/**
 * An equi-depth histogram over a column's values (those not among its most common values, as in
 * PostgreSQL's {@code histogram_bounds}): {@code bounds} holds n+1 sorted values that cut the
 * sampled values into n buckets of equal count. {@link #fractionBelow} answers "which share of
 * the values is below v", interpolating linearly inside a bucket for numbers and taking half a
 * bucket otherwise. Immutable.
 */
public record Histogram(List<Object> bounds) {
    public static final int DEFAULT_BUCKETS = 100;

    public Histogram {
        bounds = List.copyOf(bounds);
    }

    /** Equi-depth bounds over {@code sorted} (non-null, ascending), at most {@code buckets} buckets; null if fewer than 2 values. */
    public static Histogram of(List<Object> sorted, int buckets) {
        if (sorted.size() < 2) {
            return null;
        }
        int n = Math.min(buckets, sorted.size() - 1);
        Object[] b = new Object[n + 1];
        for (int i = 0; i <= n; i++) {
            b[i] = sorted.get((int) ((long) i * (sorted.size() - 1) / n));
        }
        return new Histogram(List.of(b));
    }

    public int buckets() {
        return bounds.size() - 1;
    }

    /** The share of the histogram's values below {@code v} ({@code inclusive}: at or below), 0..1. */
    public double fractionBelow(Object v, boolean inclusive) {
        int n = buckets();
        if (Values.compare(v, bounds.get(0)) < 0) {
            return 0;
        }
        if (Values.compare(v, bounds.get(n)) > 0) {
            return 1;
        }
        // the last bound at or below v (bounds may repeat on skewed data)
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            int c = Values.compare(bounds.get(mid), v);
            if (c < 0 || (c == 0 && inclusive)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if (lo == n) {
            return 1;
        }
        double within = 0.5;
        Object a = bounds.get(lo);
        Object b = bounds.get(lo + 1);
        if (a instanceof Number x && b instanceof Number y && v instanceof Number z) {
            double width = y.doubleValue() - x.doubleValue();
            within = width > 0 ? Math.clamp((z.doubleValue() - x.doubleValue()) / width, 0, 1) : 0.5;
        } else if (Values.compare(a, v) == 0) {
            within = inclusive ? 0.5 / Math.max(1, n) : 0;
        }
        return Math.clamp((lo + within) / n, 0, 1);
    }
}
