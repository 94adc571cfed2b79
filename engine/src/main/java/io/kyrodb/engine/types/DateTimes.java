package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Arithmetic, comparison and conversion of date/time values as Postgres does them: date +- integer
 * days, date - date in days, timestamp +- interval (months and days on the calendar, in the
 * session's TimeZone for timestamptz), timestamp - timestamp as days and time, interval * number.
 * Results out of range fail with 22008.
 */
public final class DateTimes {
    private DateTimes() {
    }

    /** Compares two values of one date/time type (or date/timestamp/timestamptz mixed, as instants in the session zone). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a.getClass() == b.getClass() && a instanceof Comparable ca) {
            return ca.compareTo(b);
        }
        return toInstant(a).compareTo(toInstant(b));
    }

    static Instant toInstant(Object v) {
        return switch (v) {
            case Instant i -> i;
            case LocalDateTime t -> toTimestamptz(t);
            case LocalDate d -> toTimestamptz(toTimestamp(d));
            default -> throw new IllegalArgumentException("not comparable: " + v.getClass().getName());
        };
    }

    public static LocalDateTime toTimestamp(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return LocalDateTime.MAX;
        }
        if (d.equals(LocalDate.MIN)) {
            return LocalDateTime.MIN;
        }
        return d.atStartOfDay();
    }

    /** A local timestamp read in the session's TimeZone. */
    public static Instant toTimestamptz(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) {
            return Instant.MAX;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return Instant.MIN;
        }
        return t.atZone(SessionClock.zone()).toInstant();
    }

    /** The session-local timestamp of an instant. */
    public static LocalDateTime toTimestamp(Instant i) {
        if (i.equals(Instant.MAX)) {
            return LocalDateTime.MAX;
        }
        if (i.equals(Instant.MIN)) {
            return LocalDateTime.MIN;
        }
        return LocalDateTime.ofInstant(i, SessionClock.zone());
    }

    public static LocalDate toDate(LocalDateTime t) {
        if (t.equals(LocalDateTime.MAX)) {
            return LocalDate.MAX;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return LocalDate.MIN;
        }
        return t.toLocalDate();
    }

    /** Rounds fractional seconds to the type's precision ({@code timestamp(0)}: whole seconds). */
    public static LocalDateTime fit(LocalDateTime t, SqlType type) {
        int p = type.scale();
        if (p >= 6 || t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
            return t;
        }
        return t.truncatedTo(ChronoUnit.SECONDS).plusNanos(roundNanos(t.getNano(), p));
    }

    public static Instant fit(Instant t, SqlType type) {
        int p = type.scale();
        if (p >= 6 || t.equals(Instant.MAX) || t.equals(Instant.MIN)) {
            return t;
        }
        return t.truncatedTo(ChronoUnit.SECONDS).plusNanos(roundNanos(t.getNano(), p));
    }

    /**
     * Rounds fractional seconds to a {@code time(p)}'s precision; a time that rounds up past the
     * day's last microsecond stays there (PostgreSQL would print 24:00:00, which time values here
     * do not hold).
     */
    public static LocalTime fitTime(LocalTime t, SqlType type) {
        int p = type.scale();
        if (p >= 6) {
            return t;
        }
        long nanos = t.toNanoOfDay();
        long unit = (long) Math.pow(10, 9 - p);
        long rounded = (nanos + unit / 2) / unit * unit;
        return rounded >= 86_400_000_000_000L ? LocalTime.MAX.withNano(999_999_000) : LocalTime.ofNanoOfDay(rounded);
    }

    private static long roundNanos(int nanos, int digits) {
        long unit = (long) Math.pow(10, 9 - digits);
        return (nanos + unit / 2) / unit * unit;
    }

    // ---- Arithmetic ---------------------------------------------------------------------------

    public static LocalDate plusDays(LocalDate d, long days) {
        try {
            LocalDate r = d.plusDays(days);
            checkYear(r.getYear());
            return r;
        } catch (DateTimeException | ArithmeticException e) {
            throw outOfRange("date");
        }
    }

    public static int daysBetween(LocalDate a, LocalDate b) {
        return Math.toIntExact(ChronoUnit.DAYS.between(b, a));
    }

    public static LocalDateTime plus(LocalDateTime t, Interval i, int sign) {
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
            return t;
        }
        try {
            LocalDateTime r = t.plusMonths((long) sign * i.months()).plusDays((long) sign * i.days())
                    .plus(sign * i.micros(), ChronoUnit.MICROS);
            checkYear(r.getYear());
            return r;
        } catch (DateTimeException | ArithmeticException e) {
            throw outOfRange("timestamp");
        }
    }

    /** Months and days are added on the calendar of the session's TimeZone (a day may be 23 hours), then the time. */
    public static Instant plus(Instant t, Interval i, int sign) {
        if (t.equals(Instant.MAX) || t.equals(Instant.MIN)) {
            return t;
        }
        try {
            ZoneId zone = SessionClock.zone();
            ZonedDateTime z = t.atZone(zone);
            if (i.months() != 0 || i.days() != 0) {
                z = z.toLocalDateTime().plusMonths((long) sign * i.months()).plusDays((long) sign * i.days()).atZone(zone);
            }
            Instant r = z.toInstant().plus(sign * i.micros(), ChronoUnit.MICROS);
            checkYear(LocalDateTime.ofInstant(r, zone).getYear());
            return r;
        } catch (DateTimeException | ArithmeticException e) {
            throw outOfRange("timestamp");
        }
    }

    public static LocalTime plus(LocalTime t, Interval i, int sign) {
        return t.plus(sign * (i.micros() % Interval.MICROS_PER_DAY), ChronoUnit.MICROS);
    }

    /** timestamp - timestamp: whole days and the rest as time (Postgres's justify_hours). */
    public static Interval minus(LocalDateTime a, LocalDateTime b) {
        return justifyHours(ChronoUnit.MICROS.between(b, a));
    }

    public static Interval minus(Instant a, Instant b) {
        return justifyHours(ChronoUnit.MICROS.between(b, a));
    }

    public static Interval minus(LocalTime a, LocalTime b) {
        return new Interval(0, 0, ChronoUnit.MICROS.between(b, a));
    }

    private static Interval justifyHours(long micros) {
        return new Interval(0, (int) (micros / Interval.MICROS_PER_DAY), micros % Interval.MICROS_PER_DAY);
    }

    public static Interval add(Interval a, Interval b, int sign) {
        try {
            return new Interval(Math.addExact(a.months(), sign * b.months()), Math.addExact(a.days(), sign * b.days()),
                    Math.addExact(a.micros(), sign * b.micros()));
        } catch (ArithmeticException e) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    /** interval * factor: fractional months spill into days (30 a month), fractional days into time. */
    public static Interval multiply(Interval i, double factor) {
        if (Double.isNaN(factor) || Double.isInfinite(factor)) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        double months = i.months() * factor;
        double days = i.days() * factor;
        java.math.BigDecimal micros = java.math.BigDecimal.valueOf(i.micros()).multiply(java.math.BigDecimal.valueOf(factor));
        try {
            return IntervalText.fromParts(months, days, micros, "interval");
        } catch (KyroException e) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    public static Interval divide(Interval i, double divisor) {
        if (divisor == 0) {
            throw new KyroException(SqlState.DIVISION_BY_ZERO, "division by zero");
        }
        return multiply(i, 1 / divisor);
    }

    public static Duration toDuration(Interval i) {
        return Duration.ofDays((long) i.months() * 30 + i.days()).plus(i.micros(), ChronoUnit.MICROS);
    }

    private static void checkYear(int year) {
        if (year < -4712 || year > 294276) {
            throw new DateTimeException("out of range");
        }
    }

    static KyroException outOfRange(String type) {
        return new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, type + " out of range");
    }
}
