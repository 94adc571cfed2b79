package io.kyrodb.engine.stats;

import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Computes {@link TableStatistics} in one pass over a table's rows: exact row and NULL counts, a
 * {@link HyperLogLog} per column over every row, exact min/max, and a reservoir sample of at most
 * {@code sampleSize} rows (Vitter's algorithm R, seeded, so ANALYZE of the same rows gives the same
 * statistics) from which the most common values and the equi-depth histogram come. When the whole
 * table fits in the sample the distinct count is exact.
 */
public final class Analyzer {
    public static final int DEFAULT_SAMPLE = 30_000;
    /** At most this many most common values per column (PostgreSQL's default statistics target). */
    public static final int MAX_COMMON_VALUES = 100;

    private final List<String> names;
    private final int sampleSize;
    private final int buckets;

    public Analyzer(List<String> columnNames) {
        this(columnNames, DEFAULT_SAMPLE, Histogram.DEFAULT_BUCKETS);
    }

    public Analyzer(List<String> columnNames, int sampleSize, int buckets) {
        this.names = List.copyOf(columnNames);
        this.sampleSize = sampleSize;
        this.buckets = buckets;
    }

    /** Reads every row of {@code rows} (each at least as wide as the column list). */
    public TableStatistics analyze(Iterator<Object[]> rows) {
        int width = names.size();
        long count = 0;
        long[] nulls = new long[width];
        HyperLogLog[] sketches = new HyperLogLog[width];
        Object[] min = new Object[width];
        Object[] max = new Object[width];
        boolean[] ordered = new boolean[width];
        for (int c = 0; c < width; c++) {
            sketches[c] = new HyperLogLog();
            ordered[c] = true;
        }
        List<Object[]> sample = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(0x5eed);
        while (rows.hasNext()) {
            Object[] row = rows.next();
            count++;
            for (int c = 0; c < width; c++) {
                Object v = row[c];
                if (v == null) {
                    nulls[c]++;
                    continue;
                }
                sketches[c].add(v);
                if (ordered[c]) {
                    try {
                        if (min[c] == null || Values.compare(v, min[c]) < 0) {
                            min[c] = v;
                        }
                        if (max[c] == null || Values.compare(v, max[c]) > 0) {
                            max[c] = v;
                        }
                    } catch (RuntimeException e) {
                        ordered[c] = false;   // a type without an order here: no min, max or histogram
                        min[c] = max[c] = null;
                    }
                }
            }
            if (sample.size() < sampleSize) {
                sample.add(row);
            } else {
                long j = random.nextLong(count);
                if (j < sampleSize) {
                    sample.set((int) j, row);
                }
            }
        }
        List<ColumnStatistics> columns = new ArrayList<>(width);
        for (int c = 0; c < width; c++) {
            columns.add(column(c, count, nulls[c], sketches[c], ordered[c] ? min[c] : null, ordered[c] ? max[c] : null,
                    sample, ordered[c]));
        }
        return new TableStatistics(count, sample.size(), columns);
    }

    private ColumnStatistics column(int c, long rows, long nulls, HyperLogLog sketch, Object min, Object max,
                                    List<Object[]> sample, boolean ordered) {
        double nullFraction = rows == 0 ? 0 : (double) nulls / rows;
        List<Object> values = new ArrayList<>();
        for (Object[] r : sample) {
            if (r[c] != null) {
                values.add(r[c]);
            }
        }
        if (ordered) {
            try {
                values.sort(Values::compare);
            } catch (RuntimeException e) {
                ordered = false;
                min = max = null;
            }
        }
        // counts of equal values: runs in sorted order, or a hash map for unordered types
        List<Object> distinctValues = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        if (ordered) {
            for (int i = 0; i < values.size(); ) {
                int j = i + 1;
                while (j < values.size() && Values.compare(values.get(i), values.get(j)) == 0) {
                    j++;
                }
                distinctValues.add(values.get(i));
                counts.add(j - i);
                i = j;
            }
        } else {
            Map<Long, Integer> byHash = new HashMap<>();
            for (Object v : values) {
                long h = HyperLogLog.hash(v);
                Integer at = byHash.get(h);
                if (at == null) {
                    byHash.put(h, distinctValues.size());
                    distinctValues.add(v);
                    counts.add(1);
                } else {
                    counts.set(at, counts.get(at) + 1);
                }
            }
        }
        long nonNull = rows - nulls;
        double distinct;
        if (sample.size() >= rows) {
            distinct = distinctValues.size();   // every row was sampled: exact
        } else {
            distinct = Math.clamp(sketch.estimate(), Math.min(1, nonNull), Math.max(1, nonNull));
            distinct = Math.max(distinct, distinctValues.size());
        }
        // most common values: seen more than once and more often than the average value (PostgreSQL's rule)
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < distinctValues.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
        double sampled = Math.max(1, sample.size());
        double nonNullShare = rows == 0 ? 0 : (double) nonNull / rows;
        double average = values.isEmpty() ? 0 : (double) values.size() / Math.max(1, distinct);
        boolean allCommon = sample.size() >= rows && distinctValues.size() <= MAX_COMMON_VALUES;
        List<Object> mcv = new ArrayList<>();
        List<Double> freqs = new ArrayList<>();
        boolean[] common = new boolean[distinctValues.size()];
        for (int i : order) {
            if (mcv.size() >= MAX_COMMON_VALUES) {
                break;
            }
            int n = counts.get(i);
            if (!allCommon && (n < 2 || n < 1.25 * average)) {
                break;
            }
            common[i] = true;
            mcv.add(distinctValues.get(i));
            freqs.add(n / sampled);
        }
        double[] f = new double[freqs.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = freqs.get(i);
        }
        Histogram histogram = null;
        if (ordered) {
            List<Object> rest = new ArrayList<>();
            for (int i = 0; i < distinctValues.size(); i++) {
                if (!common[i]) {
                    for (int k = 0; k < counts.get(i); k++) {
                        rest.add(distinctValues.get(i));
                    }
                }
            }
            histogram = Histogram.of(rest, buckets);
        }
        if (nonNullShare == 0) {
            distinct = 0;
        }
        return new ColumnStatistics(names.get(c), nullFraction, distinct, min, max, mcv, f, histogram);
    }
}
