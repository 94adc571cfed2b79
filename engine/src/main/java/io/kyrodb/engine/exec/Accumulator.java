package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import io.kyrodb.engine.types.HeapSize;
import io.kyrodb.engine.types.SqlArray;

import java.util.ArrayList;
import java.util.List;

/**
 * The running state of one aggregate for one group. NULL inputs are skipped, as SQL says. A hash
 * aggregation that spills writes the state out ({@link #writeState}) and merges it back into a
 * fresh accumulator of the same call ({@link #mergeState}).
 */
class Accumulator {
    /** Estimated heap size of an accumulator without DISTINCT values (header and eight fields). */
    static final long SIZE = 56;
    /** Estimated heap size of an empty DISTINCT value set. */
    static final long DISTINCT_SET_SIZE = DistinctValues.EMPTY_SIZE;

    private final AggregateCall call;
    private final DistinctValues seen;
    private long count;
    private long longSum;
    private double doubleSum;
    /** The exact sum of numeric and bigint inputs (null until one arrives; NaN or an infinity once one arrived). */
    private Number decimalSum;
    /** The sum of interval inputs (null until one arrives). */
    private io.kyrodb.engine.types.Interval intervalSum;
    private Object extreme;
    /** string_agg's text so far (null: no value yet). */
    private StringBuilder text;
    /** Whether array_agg(DISTINCT) has seen a NULL (the DISTINCT set holds the other values). */
    private boolean distinctNull;
    /** ARRAY_AGG's values so far (without DISTINCT). */
    private final List<Object> items;
    /** The estimated bytes of the DISTINCT values held in {@link #seen}. */
    private long distinctBytes;
    /** The DISTINCT values once they outgrew work_mem ({@link #spillDistinct}), else null. */
    private SpilledDistinct spilled;
    /** Whether the spilled values are being aggregated (they are distinct already). */
    private boolean replaying;
    /** array_agg(DISTINCT)'s values read back from {@link #spilled}, in order. */
    private List<Object> replayed;

    Accumulator(AggregateCall call) {
        this.call = call;
        this.seen = call.distinct() ? new DistinctValues(call.function() == AggregateFunction.ARRAY_AGG) : null;
        this.items = call.function() == AggregateFunction.ARRAY_AGG && !call.distinct() ? new ArrayList<>() : null;
    }

    /** Estimated heap size before any value is added. */
    long initialSize() {
        return seen == null ? SIZE : SIZE + DISTINCT_SET_SIZE;
    }

    /**
     * Adds one row whose argument has the value {@code v} (ignored for COUNT(*)). Returns how
     * many bytes the state grew by: the estimate of a new DISTINCT value, otherwise 0.
     */
    long add(Object v) {
        if (call.argument() == null) {
            count++;
            return 0;
        }
        if (call.filtered()) {
            if (v == null) {
                return 0;   // a row the FILTER rejected
            }
            v = ((SqlArray) v).get(0);
        }
        return addValue(v);
    }

    /** {@link #add} of an argument value the FILTER (if any) has admitted. */
    private long addValue(Object v) {
        if (items != null) {
            items.add(v);   // array_agg keeps NULLs
            count++;
            return 8 + HeapSize.of(v);
        }
        if (v == null) {
            if (seen != null && call.function() == AggregateFunction.ARRAY_AGG && !distinctNull) {
                distinctNull = true;   // array_agg(DISTINCT) keeps one NULL, as PostgreSQL does
                count++;
                return 8;
            }
            return 0;
        }
        if (spilled != null && !replaying) {
            spilled.add(v);
            return 0;
        }
        long grown = 0;
        if (seen != null && !replaying) {
            grown = seen.add(v);
            if (grown < 0) {
                return 0;
            }
            distinctBytes += grown;
        }
        if (replayed != null) {
            replayed.add(v);
        }
        count++;
        if (StatisticAggregates.handles(call.function())) {
            boolean first = extreme == null;
            extreme = StatisticAggregates.add(call, extreme, v);
            long size = call.function().isOrderedSet() ? 8 + HeapSize.of(v) : 0;
            return first ? grown + size + MemoryEstimate.SMALL_OBJECT : grown + size;
        }
        if (call.type().kind().isVector() && call.function() != AggregateFunction.MIN
                && call.function() != AggregateFunction.MAX) {
            boolean first = extreme == null;
            extreme = VectorAggregates.add(call.function(), extreme, v);
            return first ? grown + MemoryEstimate.value(extreme) : grown;
        }
        switch (call.function()) {
            case SUM, AVG -> {
                if (v instanceof io.kyrodb.engine.types.Interval i) {
                    intervalSum = intervalSum == null ? i : io.kyrodb.engine.types.DateTimes.add(intervalSum, i, 1);
                } else if (call.type().kind() == io.kyrodb.engine.types.TypeKind.NUMERIC) {
                    Number d = v instanceof java.math.BigDecimal || v instanceof io.kyrodb.engine.types.NumericSpecial
                            ? (Number) v : java.math.BigDecimal.valueOf(((Number) v).longValue());
                    decimalSum = decimalSum == null ? d : io.kyrodb.engine.types.Numerics.add(decimalSum, d);
                } else if (Values.isIntegral(v) && call.function() == AggregateFunction.SUM) {
                    longSum = addExact(longSum, ((Number) v).longValue());
                } else {
                    doubleSum += ((Number) v).doubleValue();
                }
            }
            case MIN, MAX, BOOL_AND, BOOL_OR -> mergeExtreme(v);
            case STRING_AGG -> grown += append((String) v);
            default -> { }
        }
        return grown;
    }

    /**
     * Appends the state as values a spill file can hold: the DISTINCT values (count, then each
     * value) for a DISTINCT aggregate, else count, integer sum, float sum and MIN/MAX value.
     */
    void writeState(List<Object> out) {
        if (spilled != null) {
            throw new IllegalStateException("a group whose DISTINCT values spilled is not evicted");
        }
        if (seen != null) {
            out.add(seen.size() + (distinctNull ? 1 : 0));
            seen.addTo(out);
            if (distinctNull) {
                out.add(null);
            }
        } else {
            out.add(count);
            out.add(longSum);
            out.add(doubleSum);
            out.add(items != null ? SqlArray.of(items)
                    : call.function() == AggregateFunction.STRING_AGG ? (text == null ? null : text.toString())
                    : StatisticAggregates.handles(call.function()) ? StatisticAggregates.spillable(call, extreme) : extreme);
            out.add(decimalSum);
            out.add(intervalSum);
        }
    }

    /**
     * Merges a state {@link #writeState} wrote, found in {@code row} from {@code offset} on.
     * Returns the offset after it; {@code grown[0]} is increased as {@link #add} would report.
     */
    int mergeState(Object[] row, int offset, long[] grown) {
        int i = offset;
        if (seen != null) {
            int n = (Integer) row[i++];
            for (int k = 0; k < n; k++) {
                grown[0] += addValue(row[i++]);   // values as stored: already past the FILTER
            }
            return i;
        }
        count += (Long) row[i++];
        longSum = addExact(longSum, (Long) row[i++]);
        doubleSum += (Double) row[i++];
        Object e = row[i++];
        if (items != null) {
            SqlArray partial = (SqlArray) e;
            for (int k = 0; k < partial.length(); k++) {
                items.add(partial.get(k));
            }
            grown[0] += HeapSize.of(partial);
        } else if (StatisticAggregates.handles(call.function())) {
            extreme = StatisticAggregates.merge(call, extreme, e);
            if (e != null && call.function().isOrderedSet()) {
                grown[0] += HeapSize.of(e);
            }
        } else if (e != null && call.type().kind().isVector() && call.function() != AggregateFunction.MIN
                && call.function() != AggregateFunction.MAX) {
            extreme = VectorAggregates.merge(call.function(), extreme, e);
        } else if (e != null && call.function() == AggregateFunction.STRING_AGG) {
            grown[0] += append((String) e);
        } else if (e != null) {
            mergeExtreme(e);
        }
        Number d = (Number) row[i++];
        if (d != null) {
            decimalSum = decimalSum == null ? d : io.kyrodb.engine.types.Numerics.add(decimalSum, d);
        }
        io.kyrodb.engine.types.Interval iv = (io.kyrodb.engine.types.Interval) row[i++];
        if (iv != null) {
            intervalSum = intervalSum == null ? iv : io.kyrodb.engine.types.DateTimes.add(intervalSum, iv, 1);
        }
        return i;
    }

    /** Appends a value (after the separator unless it is the first); returns the bytes grown. */
    private long append(String v) {
        long grown = 2L * v.length();
        if (text == null) {
            text = new StringBuilder(v);
            return grown + MemoryEstimate.SMALL_OBJECT;
        }
        if (call.separator() != null) {
            text.append(call.separator());
            grown += 2L * call.separator().length();
        }
        text.append(v);
        return grown;
    }

    private void mergeExtreme(Object v) {
        if (call.function() == AggregateFunction.BOOL_AND) {
            extreme = extreme == null ? v : (Boolean) extreme && (Boolean) v;
        } else if (call.function() == AggregateFunction.BOOL_OR) {
            extreme = extreme == null ? v : (Boolean) extreme || (Boolean) v;
        } else if (call.function() == AggregateFunction.MIN) {
            if (extreme == null || Values.compare(v, extreme) < 0) {
                extreme = v;
            }
        } else if (call.function() == AggregateFunction.MAX) {
            if (extreme == null || Values.compare(v, extreme) > 0) {
                extreme = v;
            }
        }
    }

    private static long addExact(long sum, long v) {
        try {
            return Math.addExact(sum, v);
        } catch (ArithmeticException overflow) {
            throw Values.outOfRange(SqlType.BIGINT, "sum exceeds " + Long.MAX_VALUE);
        }
    }

    /**
     * Moves the DISTINCT values to a spill file, to be sorted and deduplicated for the result
     * (a group's values past work_mem); returns the bytes that frees (0: nothing to move). The
     * aggregate starts over from the file's values then, so its running sums are cleared.
     */
    long spillDistinct(ExecContext ctx) {
        if (seen == null || spilled != null || seen.size() == 0) {
            return 0;
        }
        spilled = new SpilledDistinct(ctx, seen.values());
        seen.clear();
        count = distinctNull ? 1 : 0;
        longSum = 0;
        doubleSum = 0;
        decimalSum = null;
        intervalSum = null;
        extreme = null;
        text = null;
        long freed = distinctBytes;
        distinctBytes = 0;
        return freed;
    }

    Object result() {
        if (spilled != null) {
            replaying = true;
            replayed = call.function() == AggregateFunction.ARRAY_AGG ? new ArrayList<>() : null;
            SpilledDistinct values = spilled;
            spilled = null;
            values.forEachDistinct(this::addValue);
        }
        if (StatisticAggregates.handles(call.function())) {
            return StatisticAggregates.result(call, extreme);
        }
        if (call.type().kind().isVector() && call.function() != AggregateFunction.MIN
                && call.function() != AggregateFunction.MAX) {
            return VectorAggregates.result(call.function(), extreme, count, call.type().kind());
        }
        return switch (call.function()) {
            case COUNT -> count;
            case SUM -> {
                if (count == 0) {
                    yield null;
                }
                yield switch (call.type().kind()) {
                    case BIGINT -> longSum;
                    case NUMERIC -> decimalSum;
                    case INTERVAL -> intervalSum;
                    case REAL -> (float) doubleSum;
                    default -> doubleSum;
                };
            }
            case AVG -> count == 0 ? null : call.type().kind() == io.kyrodb.engine.types.TypeKind.INTERVAL
                    ? io.kyrodb.engine.types.DateTimes.divide(intervalSum, count)
                    : call.type().kind() == io.kyrodb.engine.types.TypeKind.NUMERIC
                    ? io.kyrodb.engine.types.Numerics.average(decimalSum, count) : (Object) (doubleSum / count);
            case MIN, MAX, BOOL_AND, BOOL_OR -> extreme;
            case STRING_AGG -> text == null ? null : text.toString();
            case ARRAY_AGG -> {
                if (count == 0) {
                    yield null;
                }
                List<Object> values = items != null ? items : replayed != null ? replayed : new ArrayList<>(seen.values());
                if (distinctNull) {
                    values.add(null);   // sorted last, as PostgreSQL's DISTINCT sort puts NULLs
                }
                // array elements are scalars, so array values mean array_agg of arrays (FILTER wraps the argument)
                yield values.stream().anyMatch(v -> v instanceof SqlArray) ? arrayOfArrays(values) : SqlArray.of(values);
            }
            default -> throw new IllegalStateException("unhandled aggregate " + call.function());
        };
    }

    /** array_agg of arrays, as Postgres: the inputs stacked into one more dimension, all of one shape. */
    private static SqlArray arrayOfArrays(List<Object> values) {
        for (Object v : values) {
            if (v == null) {
                throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.NULL_VALUE_NOT_ALLOWED,
                        "cannot accumulate null arrays");
            }
            if (((SqlArray) v).length() == 0) {
                throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.ARRAY_SUBSCRIPT_ERROR,
                        "cannot accumulate empty arrays");
            }
            if (!java.util.Arrays.equals(((SqlArray) v).dims(), ((SqlArray) values.get(0)).dims())) {
                throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.ARRAY_SUBSCRIPT_ERROR,
                        "cannot accumulate arrays of different dimensionality");
            }
        }
        return (SqlArray) io.kyrodb.engine.expr.ArrayFunction.NEST.apply(values.toArray(), null);
    }
}
