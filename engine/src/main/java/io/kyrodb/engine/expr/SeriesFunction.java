package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.DateTimes;
import io.kyrodb.engine.types.Interval;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Functions that make a run of values: {@code generate_series(start, stop [, step])} over integer,
 * bigint and numeric (step 1 by default) and over timestamp and timestamptz (an interval step), as
 * Postgres's, a step of zero failing with 22023 {@code step size cannot equal zero} and a series
 * that would overflow its type ending before it. As a
 * {@link Builtin} generate_series gives its values as an array (what {@code unnest}'s plan nodes
 * run over); {@link #series} streams them.
 */
public enum SeriesFunction implements Builtin {
    GENERATE_SERIES;

    @Override
    public boolean strict() {
        return true;
    }

    @Override
    public Object apply(Object[] args, SqlType resultType) {
        List<Object> out = new ArrayList<>();
        series(args[0], args[1], args.length > 2 ? args[2] : null).forEachRemaining(out::add);
        return SqlArray.of(out);
    }

    /** The values from {@code start} to {@code stop} by {@code step} (null: 1), all of one type. */
    public static Iterator<Object> series(Object start, Object stop, Object step) {
        return switch (start) {
            case Integer s -> longs(s, (Integer) stop, step == null ? 1 : (Integer) step, Integer.MIN_VALUE,
                    Integer.MAX_VALUE, true);
            case Long s -> longs(s, (Long) stop, step == null ? 1 : (Long) step, Long.MIN_VALUE, Long.MAX_VALUE, false);
            case BigDecimal s -> decimals(s, (BigDecimal) stop, step == null ? BigDecimal.ONE : (BigDecimal) step);
            case LocalDateTime s -> times(s, stop, (Interval) step);
            case Instant s -> times(s, stop, (Interval) step);
            default -> throw new IllegalArgumentException("generate_series over " + start.getClass().getName());
        };
    }

    private static KyroException zeroStep() {
        return new KyroException(SqlState.INVALID_PARAMETER_VALUE, "step size cannot equal zero");
    }

    private static Iterator<Object> longs(long start, long stop, long step, long min, long max, boolean ints) {
        if (step == 0) {
            throw zeroStep();
        }
        return new Iterator<>() {
            long next = start;
            boolean done = step > 0 ? start > stop : start < stop;

            @Override
            public boolean hasNext() {
                return !done;
            }

            @Override
            public Object next() {
                if (done) {
                    throw new NoSuchElementException();
                }
                long v = next;
                long after = v;
                boolean overflow;
                try {
                    after = Math.addExact(v, step);
                    overflow = after < min || after > max;
                } catch (ArithmeticException past) {
                    overflow = true;   // the series ends at the type's limit, as Postgres's does
                }
                done = overflow || (step > 0 ? after > stop : after < stop);
                next = after;
                return ints ? (Object) (int) v : (Object) v;
            }
        };
    }

    private static Iterator<Object> decimals(BigDecimal start, BigDecimal stop, BigDecimal step) {
        if (step.signum() == 0) {
            throw zeroStep();
        }
        return new Iterator<>() {
            BigDecimal next = start;

            @Override
            public boolean hasNext() {
                int c = next.compareTo(stop);
                return step.signum() > 0 ? c <= 0 : c >= 0;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BigDecimal v = next;
                next = next.add(step);
                return v;
            }
        };
    }

    /** timestamp or timestamptz by an interval: the sign of the step decides the direction, as Postgres's. */
    private static Iterator<Object> times(Object start, Object stop, Interval step) {
        int sign = step.compareTo(Interval.ZERO);
        if (sign == 0) {
            throw zeroStep();
        }
        return new Iterator<>() {
            Object next = start;

            @Override
            public boolean hasNext() {
                @SuppressWarnings({"unchecked", "rawtypes"})
                int c = ((Comparable) next).compareTo(stop);
                return sign > 0 ? c <= 0 : c >= 0;
            }

            @Override
            public Object next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Object v = next;
                next = v instanceof Instant i ? DateTimes.plus(i, step, 1) : DateTimes.plus((LocalDateTime) v, step, 1);
                return v;
            }
        };
    }

    /** The element type generate_series gives for its start and stop of {@code kind}. */
    public static boolean isSeriesType(TypeKind kind) {
        return kind == TypeKind.INTEGER || kind == TypeKind.BIGINT || kind == TypeKind.NUMERIC
                || kind == TypeKind.TIMESTAMP || kind == TypeKind.TIMESTAMPTZ;
    }
}
