package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.TreeSet;

/** The running state of one aggregate for one group. NULL inputs are skipped, as SQL says. */
final class Accumulator {
    private final AggregateCall call;
    private final TreeSet<Object> seen;
    private long count;
    private long longSum;
    private double doubleSum;
    private Object extreme;

    Accumulator(AggregateCall call) {
        this.call = call;
        this.seen = call.distinct() ? new TreeSet<>(Values::compare) : null;
    }

    void add(Object[] row, Object[] params) {
        if (call.argument() == null) {
            count++;
            return;
        }
        Object v = call.argument().eval(row, params);
        if (v == null || (seen != null && !seen.add(v))) {
            return;
        }
        count++;
        switch (call.function()) {
            case SUM, AVG -> {
                if (Values.isIntegral(v) && call.function() == AggregateFunction.SUM) {
                    try {
                        longSum = Math.addExact(longSum, ((Number) v).longValue());
                    } catch (ArithmeticException overflow) {
                        throw Values.outOfRange(SqlType.BIGINT, "sum exceeds " + Long.MAX_VALUE);
                    }
                } else {
                    doubleSum += ((Number) v).doubleValue();
                }
            }
            case MIN -> {
                if (extreme == null || Values.compare(v, extreme) < 0) {
                    extreme = v;
                }
            }
            case MAX -> {
                if (extreme == null || Values.compare(v, extreme) > 0) {
                    extreme = v;
                }
            }
            case COUNT -> { }
        }
    }

    Object result() {
        return switch (call.function()) {
            case COUNT -> count;
            case SUM -> {
                if (count == 0) {
                    yield null;
                }
                yield switch (call.type().kind()) {
                    case BIGINT -> longSum;
                    case REAL -> (float) doubleSum;
                    default -> doubleSum;
                };
            }
            case AVG -> count == 0 ? null : doubleSum / count;
            case MIN, MAX -> extreme;
        };
    }
}
