package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Interval;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * The results of PostgreSQL's ordered-set aggregates over one group's non-NULL values, sorted in
 * the WITHIN GROUP order: {@code percentile_cont(f)} interpolates between the values at positions
 * floor and ceil of f*(n-1); {@code percentile_disc(f)} is the first value whose position reaches
 * f*n; {@code mode()} the most frequent value (the first in the order among equally frequent ones).
 * A fraction array gives an array of results in the same order (NULL fractions give NULL).
 */
final class OrderedSetAggregates {
    private OrderedSetAggregates() {
    }

    static Object result(AggregateCall call, List<Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        Object p = call.parameter();
        List<Object> sorted = new ArrayList<>(values);
        if (p == AggregateCall.FRACTION_PER_ROW || p == AggregateCall.FRACTIONS_PER_ROW) {
            p = ((io.kyrodb.engine.types.SqlRecord) values.get(0)).get(1);   // one fraction per group: its first row's
            sorted.replaceAll(v -> ((io.kyrodb.engine.types.SqlRecord) v).get(0));
        }
        sorted.sort(call.descending() ? (a, b) -> Values.compare(b, a) : Values::compare);
        if (call.function() == AggregateFunction.MODE) {
            return mode(sorted);
        }
        if (p instanceof SqlArray fractions) {
            Object[] out = new Object[fractions.length()];
            for (int i = 0; i < out.length; i++) {
                Object f = fractions.get(i);
                out[i] = f == null ? null : percentile(call.function(), sorted, ((Number) f).doubleValue());
            }
            return fractions.ndims() > 1 ? SqlArray.ofShape(fractions.dims(), out) : SqlArray.of(out);
        }
        return p == null ? null : percentile(call.function(), sorted, ((Number) p).doubleValue());
    }

    private static Object percentile(AggregateFunction fn, List<Object> sorted, double f) {
        if (!(f >= 0 && f <= 1)) {
            throw StatisticAggregates.outOfRange(f);
        }
        int n = sorted.size();
        if (fn == AggregateFunction.PERCENTILE_DISC) {
            long row = (long) Math.ceil(f * n);
            return sorted.get((int) Math.max(0, row - 1));
        }
        double position = f * (n - 1);
        int first = (int) Math.floor(position);
        int second = (int) Math.ceil(position);
        Object lo = sorted.get(first);
        if (second == first) {
            return lo instanceof Number x ? x.doubleValue() : lo;
        }
        Object hi = sorted.get(second);
        double proportion = position - first;
        if (lo instanceof Interval a && hi instanceof Interval b) {
            // a + (b - a) * proportion, as interval_lerp
            return io.kyrodb.engine.types.DateTimes.add(a,
                    io.kyrodb.engine.types.DateTimes.multiply(io.kyrodb.engine.types.DateTimes.add(b, a, -1), proportion), 1);
        }
        double a = ((Number) lo).doubleValue();
        double b = ((Number) hi).doubleValue();
        return a + (b - a) * proportion;
    }

    private static Object mode(List<Object> sorted) {
        Object best = null;
        int bestCount = 0;
        Object current = null;
        int count = 0;
        for (Object v : sorted) {
            if (current != null && Values.compare(v, current) == 0) {
                count++;
            } else {
                current = v;
                count = 1;
            }
            if (count > bestCount) {
                best = current;
                bestCount = count;
            }
        }
        return best;
    }
}
