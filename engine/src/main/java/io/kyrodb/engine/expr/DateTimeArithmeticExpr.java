package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.DateTimes;
import io.kyrodb.engine.types.Interval;
import io.kyrodb.engine.types.SqlType;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The date/time operators, chosen by the binder from the operand types (operands already converted):
 * date +- integer, date - date, date + time, timestamp/timestamptz/time +- interval, timestamp -
 * timestamp, interval +- interval, interval * or / number. Out-of-range results fail with 22008.
 */
public record DateTimeArithmeticExpr(Op op, BoundExpr left, BoundExpr right, SqlType type) implements BoundExpr {
    public enum Op {
        DATE_PLUS_DAYS, DAYS_PLUS_DATE, DATE_MINUS_DAYS, DATE_MINUS_DATE, DATE_PLUS_TIME, TIME_PLUS_DATE,
        PLUS_INTERVAL, INTERVAL_PLUS, MINUS_INTERVAL, MINUS_SAME, INTERVAL_TIMES, TIMES_INTERVAL, INTERVAL_DIVIDED
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object a = left.eval(row, ctx);
        if (a == null) {
            return null;
        }
        Object b = right.eval(row, ctx);
        if (b == null) {
            return null;
        }
        return switch (op) {
            case DATE_PLUS_DAYS -> DateTimes.plusDays((LocalDate) a, ((Number) b).longValue());
            case DAYS_PLUS_DATE -> DateTimes.plusDays((LocalDate) b, ((Number) a).longValue());
            case DATE_MINUS_DAYS -> DateTimes.plusDays((LocalDate) a, -((Number) b).longValue());
            case DATE_MINUS_DATE -> DateTimes.daysBetween((LocalDate) a, (LocalDate) b);
            case DATE_PLUS_TIME -> b instanceof java.time.OffsetTime t ? io.kyrodb.engine.types.TimeTz.at((LocalDate) a, t)
                    : ((LocalDate) a).atTime((LocalTime) b);
            case TIME_PLUS_DATE -> a instanceof java.time.OffsetTime t ? io.kyrodb.engine.types.TimeTz.at((LocalDate) b, t)
                    : ((LocalDate) b).atTime((LocalTime) a);
            case PLUS_INTERVAL -> plus(a, (Interval) b, 1);
            case INTERVAL_PLUS -> plus(b, (Interval) a, 1);
            case MINUS_INTERVAL -> plus(a, (Interval) b, -1);
            case MINUS_SAME -> switch (a) {
                case LocalDateTime t -> DateTimes.minus(t, (LocalDateTime) b);
                case Instant i -> DateTimes.minus(i, (Instant) b);
                case LocalTime t -> DateTimes.minus(t, (LocalTime) b);
                case Interval i -> DateTimes.add(i, (Interval) b, -1);
                default -> throw new IllegalStateException("minus on " + a.getClass());
            };
            case INTERVAL_TIMES -> DateTimes.multiply((Interval) a, ((Number) b).doubleValue());
            case TIMES_INTERVAL -> DateTimes.multiply((Interval) b, ((Number) a).doubleValue());
            case INTERVAL_DIVIDED -> DateTimes.divide((Interval) a, ((Number) b).doubleValue());
        };
    }

    /** {@code t + i} ({@code sign} 1) or {@code t - i} (-1) for a timestamp, timestamptz, time, timetz or interval. */
    static Object plus(Object t, Interval i, int sign) {
        return switch (t) {
            case LocalDateTime ts -> DateTimes.plus(ts, i, sign);
            case Instant ts -> DateTimes.plus(ts, i, sign);
            case LocalTime time -> DateTimes.plus(time, i, sign);
            case java.time.OffsetTime time -> io.kyrodb.engine.types.TimeTz.plus(time, i, sign);
            case Interval other -> DateTimes.add(other, i, sign);
            default -> throw new IllegalStateException("plus interval on " + t.getClass());
        };
    }
}
