package io.kyrodb.engine.stats;

import io.kyrodb.engine.types.Values;

import java.util.List;

/**
 * What ANALYZE learned about one column (PostgreSQL's {@code pg_stats} row): the share of NULLs,
 * the estimated number of distinct non-null values, the smallest and largest value, the most
 * common values with the share of rows each holds, and an equi-depth {@link Histogram} over the
 * other values. {@code min}, {@code max} and {@code histogram} are null when the type has no order
 * (or the column holds only NULLs). Immutable; the selectivity helpers below are the estimator's.
 */
public record ColumnStatistics(String name, double nullFraction, double distinct, Object min, Object max,
                               List<Object> mostCommonValues, double[] mostCommonFrequencies,
                               Histogram histogram) {
    public ColumnStatistics {
        mostCommonValues = List.copyOf(mostCommonValues);
        mostCommonFrequencies = mostCommonFrequencies.clone();
    }

    @Override
    public double[] mostCommonFrequencies() {
        return mostCommonFrequencies.clone();
    }

    /** The share of rows held by the most common values together. */
    public double mostCommonTotal() {
        double s = 0;
        for (double f : mostCommonFrequencies) {
            s += f;
        }
        return s;
    }

    /** The share of rows where the column equals {@code v} (non-null). */
    public double equalSelectivity(Object v) {
        for (int i = 0; i < mostCommonValues.size(); i++) {
            if (sameValue(mostCommonValues.get(i), v)) {
                return mostCommonFrequencies[i];
            }
        }
        if (min != null && (compare(v, min) < 0 || compare(v, max) > 0)) {
            return 0;
        }
        double rest = Math.max(0, 1 - nullFraction - mostCommonTotal());
        double others = distinct - mostCommonValues.size();
        if (others < 1) {
            return mostCommonValues.isEmpty() ? Math.min(1 - nullFraction, 1 / Math.max(1, distinct)) : 0;
        }
        return rest / others;
    }

    /** The share of rows with an equal value when the value is not known at planning time. */
    public double equalSelectivityUnknown() {
        return (1 - nullFraction) / Math.max(1, distinct);
    }

    /**
     * The share of rows whose value lies between {@code lo} and {@code hi} (null: unbounded), each
     * bound inclusive or not; -1 when this column has no order to answer it.
     */
    public double rangeSelectivity(Object lo, boolean loInclusive, Object hi, boolean hiInclusive) {
        if (min == null) {
            return -1;
        }
        double mcv = 0;
        for (int i = 0; i < mostCommonValues.size(); i++) {
            Object m = mostCommonValues.get(i);
            if (within(m, lo, loInclusive, hi, hiInclusive)) {
                mcv += mostCommonFrequencies[i];
            }
        }
        double rest = Math.max(0, 1 - nullFraction - mostCommonTotal());
        double share;
        if (histogram == null) {
            // every sampled value was a common one (or one value in all): the common values answered
            share = 0;
            if (mostCommonValues.isEmpty()) {
                share = within(min, lo, loInclusive, hi, hiInclusive) ? 1 : 0;
            }
        } else {
            double below = hi == null ? 1 : histogram.fractionBelow(hi, hiInclusive);
            double above = lo == null ? 0 : histogram.fractionBelow(lo, !loInclusive);
            share = Math.max(0, below - above);
        }
        return Math.clamp(mcv + rest * share, 0, 1);
    }

    private static boolean within(Object v, Object lo, boolean loInclusive, Object hi, boolean hiInclusive) {
        if (lo != null) {
            int c = compare(v, lo);
            if (c < 0 || (c == 0 && !loInclusive)) {
                return false;
            }
        }
        if (hi != null) {
            int c = compare(v, hi);
            return c < 0 || (c == 0 && hiInclusive);
        }
        return true;
    }

    private static int compare(Object a, Object b) {
        return Values.compare(a, b);
    }

    private static boolean sameValue(Object a, Object b) {
        try {
            return Values.sameValue(a, b);
        } catch (RuntimeException e) {
            return a.equals(b);
        }
    }
}
