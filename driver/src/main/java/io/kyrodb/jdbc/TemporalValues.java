package io.kyrodb.jdbc;

import io.kyrodb.engine.types.DateTimes;
import io.kyrodb.engine.types.Interval;
import io.kyrodb.engine.types.Values;

import java.sql.Date;
import java.sql.SQLException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;

/**
 * JDBC's date/time classes and the engine's values, converted as pgjdbc does: {@code java.sql.Date},
 * {@code Time} and {@code Timestamp} mean the JVM's default time zone (or the given Calendar's),
 * java.time classes map one to one (date - LocalDate, time - LocalTime, timestamp - LocalDateTime,
 * timestamptz - OffsetDateTime in UTC), and getObject without a class returns the java.sql classes.
 */
final class TemporalValues {
    private TemporalValues() {
    }

    static boolean isTemporal(Object v) {
        return v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime || v instanceof Instant
                || v instanceof Interval || v instanceof OffsetTime;
    }

    /** What a parameter bound from Java becomes (null when {@code x} is not a date/time value). */
    static Object toEngine(Object x, Calendar cal) {
        ZoneId zone = cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
        return switch (x) {
            case null -> null;
            case Timestamp t -> cal == null ? t.toLocalDateTime() : t.toInstant().atZone(zone).toLocalDateTime();
            case Date d -> cal == null ? d.toLocalDate() : Instant.ofEpochMilli(d.getTime()).atZone(zone).toLocalDate();
            case Time t -> cal == null ? t.toLocalTime() : Instant.ofEpochMilli(t.getTime()).atZone(zone).toLocalTime();
            case java.util.Date d -> Instant.ofEpochMilli(d.getTime());
            case LocalDate d -> d;
            case LocalTime t -> t;
            case LocalDateTime t -> t;
            case Instant i -> i;
            case OffsetDateTime t -> t.toInstant();
            case ZonedDateTime t -> t.toInstant();
            case OffsetTime t -> t;   // a timetz
            default -> null;
        };
    }

    /** getObject(i): java.sql.Date, Time and Timestamp as pgjdbc returns them; an interval as its text. */
    static Object jdbcObject(Object v) {
        return switch (v) {
            case null -> null;
            case LocalDate d -> toDate(d, null);
            case LocalTime t -> toTime(t, null);
            case LocalDateTime t -> toTimestamp(t, null);
            case Instant i -> Timestamp.from(i);
            case Interval i -> Values.toText(i);
            case OffsetTime t -> toTime(t, null);
            default -> v;
        };
    }

    static Date toDate(Object v, Calendar cal) {
        LocalDate d = switch (v) {
            case LocalDate x -> x;
            case LocalDateTime x -> DateTimes.toDate(x);
            case Instant x -> DateTimes.toDate(DateTimes.toTimestamp(x));
            default -> null;
        };
        if (d == null) {
            return null;
        }
        if (cal == null) {
            return Date.valueOf(d);
        }
        return new Date(d.atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
    }

    static Time toTime(Object v, Calendar cal) {
        if (v instanceof OffsetTime ot) {
            // a timetz is an instant on 1970-01-01, as pgjdbc reads it
            return new Time(LocalDate.EPOCH.atTime(ot).toInstant().toEpochMilli());
        }
        LocalTime t = switch (v) {
            case LocalTime x -> x;
            case LocalDateTime x -> x.toLocalTime();
            case Instant x -> DateTimes.toTimestamp(x).toLocalTime();
            default -> null;
        };
        if (t == null) {
            return null;
        }
        if (cal == null) {
            Time time = Time.valueOf(t);
            time.setTime(time.getTime() + t.getNano() / 1_000_000);
            return time;
        }
        return new Time(LocalDate.EPOCH.atTime(t).atZone(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
    }

    static Timestamp toTimestamp(Object v, Calendar cal) {
        if (v instanceof Instant i) {
            return Timestamp.from(i);
        }
        LocalDateTime t = switch (v) {
            case LocalDateTime x -> x;
            case LocalDate x -> DateTimes.toTimestamp(x);
            case LocalTime x -> LocalDate.EPOCH.atTime(x);
            default -> null;
        };
        if (t == null) {
            return null;
        }
        if (cal == null) {
            return Timestamp.valueOf(t);
        }
        return Timestamp.from(t.atZone(cal.getTimeZone().toZoneId()).toInstant());
    }

    /** getObject(i, type) for the date/time classes, or null when {@code type} is not one of them. */
    static Object toClass(Object v, Class<?> type) throws SQLException {
        if (type == LocalDate.class) {
            return v instanceof LocalDate d ? d : v instanceof LocalDateTime t ? DateTimes.toDate(t)
                    : v instanceof Instant i ? DateTimes.toDate(DateTimes.toTimestamp(i)) : null;
        }
        if (type == OffsetTime.class) {
            return v instanceof OffsetTime t ? t : v instanceof LocalTime t ? io.kyrodb.engine.types.TimeTz.of(t)
                    : v instanceof Instant i ? io.kyrodb.engine.types.TimeTz.of(i) : null;
        }
        if (type == LocalTime.class) {
            return v instanceof OffsetTime t ? t.toLocalTime() : v instanceof LocalTime t ? t : v instanceof LocalDateTime t ? t.toLocalTime()
                    : v instanceof Instant i ? DateTimes.toTimestamp(i).toLocalTime() : null;
        }
        if (type == LocalDateTime.class) {
            return v instanceof LocalDateTime t ? t : v instanceof LocalDate d ? DateTimes.toTimestamp(d)
                    : v instanceof Instant i ? DateTimes.toTimestamp(i) : null;
        }
        if (type == OffsetDateTime.class) {
            return v instanceof Instant i ? i.atOffset(ZoneOffset.UTC)
                    : v instanceof LocalDateTime t ? t.atOffset(ZoneOffset.UTC) : null;
        }
        if (type == Instant.class) {
            return v instanceof Instant i ? i : null;
        }
        if (type == Date.class) {
            return toDate(v, null);
        }
        if (type == Time.class) {
            return toTime(v, null);
        }
        if (type == Timestamp.class) {
            return toTimestamp(v, null);
        }
        return null;
    }
}
