package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.DateTimeFormat;
import io.kyrodb.engine.types.DateTimes;
import io.kyrodb.engine.types.Interval;
import io.kyrodb.engine.types.SessionClock;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.engine.types.Values;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * The date/time functions: now() and its keyword forms, extract/date_part, date_trunc, age,
 * make_date, make_timestamp, to_char, to_date, to_timestamp. A timestamptz is taken apart and
 * truncated in the session's TimeZone, as in Postgres.
 */
public enum DateTimeFunction implements Builtin {
    NOW, CLOCK_TIMESTAMP, CURRENT_DATE, LOCALTIMESTAMP, LOCALTIME, EXTRACT, DATE_PART, DATE_TRUNC, AGE, MAKE_DATE,
    MAKE_TIMESTAMP, TO_CHAR, TO_DATE, TO_TIMESTAMP, TO_TIMESTAMP_EPOCH,
    /** {@code timezone(zone, x)}, also written {@code x AT TIME ZONE zone}: timestamp to timestamptz and back. */
    TIMEZONE,
    /** {@code current_time}: the transaction's start as a time with time zone, in the session's zone. */
    CURRENT_TIME,
    /** {@code justify_days} (30 days make a month), {@code justify_hours} (24 hours a day), {@code justify_interval} (both, signs made alike). */
    JUSTIFY_DAYS, JUSTIFY_HOURS, JUSTIFY_INTERVAL,
    /** {@code isfinite(date | timestamp | timestamptz | interval)}. */
    ISFINITE,
    /** {@code date_bin(stride, source, origin)}: the start of the stride-long bin, counted from origin, that holds source. */
    DATE_BIN,
    /** {@code make_interval(years, months, weeks, days, hours, mins, secs)}. */
    MAKE_INTERVAL,
    /** {@code make_time(hour, min, sec)}. */
    MAKE_TIME,
    /** {@code make_timestamptz(year, month, mday, hour, min, sec [, timezone])}: the wall clock in the zone (the session's when not given). */
    MAKE_TIMESTAMPTZ,
    /** {@code timeofday()}: the wall clock now as text, {@code Sun Nov 29 18:55:08.123456 2026 UTC}, in the session's zone. */
    TIMEOFDAY,
    /**
     * {@code (s1, e1) OVERLAPS (s2, e2)} over one type (an end may be an interval: the length from
     * its start, added here so that the start is evaluated once): each pair ordered, a NULL end taken as an
     * unknown end; not strict: a NULL gives NULL only where the answer depends on it (the SQL
     * standard's rule, as PostgreSQL's overlaps_timestamp).
     */
    OVERLAPS {
        @Override
        public boolean strict() {
            return false;
        }
    };

    private static final java.time.format.DateTimeFormatter TIMEOFDAY_FORMAT =
            java.time.format.DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss.SSSSSS yyyy z", java.util.Locale.ROOT);

    @Override
    public Object apply(Object[] args, SqlType type) {
        return switch (this) {
            case NOW -> SessionClock.now();
            case CLOCK_TIMESTAMP -> Instant.now().truncatedTo(ChronoUnit.MICROS);
            case OVERLAPS -> overlaps(args[0], end(args[0], args[1]), args[2], end(args[2], args[3]));
            case TIMEOFDAY -> TIMEOFDAY_FORMAT.format(Instant.now().atZone(
                    SessionClock.zone()));
            case CURRENT_DATE -> DateTimes.toDate(DateTimes.toTimestamp(SessionClock.now()));
            case LOCALTIMESTAMP -> DateTimes.toTimestamp(SessionClock.now());
            case LOCALTIME -> DateTimes.toTimestamp(SessionClock.now()).toLocalTime();
            case EXTRACT -> extract((String) args[0], args[1]);
            case DATE_PART -> extract((String) args[0], args[1]).doubleValue();
            case DATE_TRUNC -> truncate((String) args[0], args[1]);
            case AGE -> age(args.length == 1 ? DateTimes.toTimestamp(SessionClock.now()).toLocalDate().atStartOfDay()
                    : local(args[0]), local(args[args.length - 1]));
            case MAKE_DATE -> {
                try {
                    yield LocalDate.of(((Number) args[0]).intValue(), ((Number) args[1]).intValue(), ((Number) args[2]).intValue());
                } catch (DateTimeException e) {
                    throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, String.format(Locale.ROOT,
                            "date field value out of range: %d-%02d-%02d", args[0], args[1], args[2]));
                }
            }
            case MAKE_TIMESTAMP -> {
                try {
                    double sec = ((Number) args[5]).doubleValue();
                    long micros = Math.round(sec * 1_000_000);
                    yield LocalDateTime.of(((Number) args[0]).intValue(), ((Number) args[1]).intValue(),
                            ((Number) args[2]).intValue(), ((Number) args[3]).intValue(), ((Number) args[4]).intValue())
                            .plus(micros, ChronoUnit.MICROS);
                } catch (DateTimeException e) {
                    throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range");
                }
            }
            case MAKE_INTERVAL -> makeInterval(args);
            case MAKE_TIME -> makeTime(((Number) args[0]).intValue(), ((Number) args[1]).intValue(),
                    ((Number) args[2]).doubleValue());
            case MAKE_TIMESTAMPTZ -> {
                LocalDateTime wall = (LocalDateTime) MAKE_TIMESTAMP.apply(args, SqlType.TIMESTAMP);
                yield args.length == 6 ? DateTimes.toTimestamptz(wall)
                        : io.kyrodb.engine.types.TimeZones.atZone(wall, io.kyrodb.engine.types.TimeZones.zone(args[6]));
            }
            case TO_CHAR -> args[0] instanceof Number n ? NumberFormat.format(n, (String) args[1])
                    : args[0] instanceof Interval iv ? DateTimeFormat.format(iv, (String) args[1])
                    : DateTimeFormat.format(local(args[0]), (String) args[1]);
            case TO_DATE -> DateTimeFormat.parse((String) args[0], (String) args[1]).toLocalDate();
            case TO_TIMESTAMP -> DateTimes.toTimestamptz(DateTimeFormat.parse((String) args[0], (String) args[1]));
            case CURRENT_TIME -> io.kyrodb.engine.types.TimeTz.of(SessionClock.now());
            case TIMEZONE -> {
                java.time.ZoneId zone = io.kyrodb.engine.types.TimeZones.zone(args[0]);
                yield switch (args[1]) {
                    case Instant i -> io.kyrodb.engine.types.TimeZones.wallClock(i, zone);
                    case java.time.OffsetTime t -> io.kyrodb.engine.types.TimeTz.atZone(t, zone);
                    default -> io.kyrodb.engine.types.TimeZones.atZone((LocalDateTime) args[1], zone);
                };
            }
            case JUSTIFY_DAYS -> justifyDays((Interval) args[0]);
            case JUSTIFY_HOURS -> justifyHours((Interval) args[0]);
            case JUSTIFY_INTERVAL -> justifyInterval((Interval) args[0]);
            case ISFINITE -> !(args[0].equals(LocalDate.MAX) || args[0].equals(LocalDate.MIN)
                    || args[0].equals(LocalDateTime.MAX) || args[0].equals(LocalDateTime.MIN)
                    || args[0].equals(Instant.MAX) || args[0].equals(Instant.MIN));
            case DATE_BIN -> dateBin((Interval) args[0], args[1], args[2]);
            case TO_TIMESTAMP_EPOCH -> {
                double s = ((Number) args[0]).doubleValue();
                if (Double.isInfinite(s)) {
                    yield s > 0 ? Instant.MAX : Instant.MIN;
                }
                yield Instant.EPOCH.plus(Math.round(s * 1_000_000), ChronoUnit.MICROS);
            }
        };
    }

    private static Interval justifyDays(Interval i) {
        long months = i.months() + i.days() / 30;
        long days = i.days() % 30;
        if (months > 0 && days < 0) {
            days += 30;
            months--;
        } else if (months < 0 && days > 0) {
            days -= 30;
            months++;
        }
        return interval(months, days, i.micros());
    }

    private static Interval justifyHours(Interval i) {
        long days = i.days() + i.micros() / Interval.MICROS_PER_DAY;
        long micros = i.micros() % Interval.MICROS_PER_DAY;
        if (days > 0 && micros < 0) {
            micros += Interval.MICROS_PER_DAY;
            days--;
        } else if (days < 0 && micros > 0) {
            micros -= Interval.MICROS_PER_DAY;
            days++;
        }
        return interval(i.months(), days, micros);
    }

    /** As PostgreSQL's interval_justify_interval: whole days out of the time, whole months out of the days, one sign. */
    private static Interval justifyInterval(Interval i) {
        long months = i.months();
        long days = i.days();
        long micros = i.micros();
        if (days > 0 && micros > 0 || days < 0 && micros < 0) {
            months += days / 30;
            days %= 30;
        }
        days += micros / Interval.MICROS_PER_DAY;
        micros %= Interval.MICROS_PER_DAY;
        months += days / 30;
        days %= 30;
        if (months > 0 && (days < 0 || days == 0 && micros < 0)) {
            days += 30;
            months--;
        } else if (months < 0 && (days > 0 || days == 0 && micros > 0)) {
            days -= 30;
            months++;
        }
        if (days > 0 && micros < 0) {
            micros += Interval.MICROS_PER_DAY;
            days--;
        } else if (days < 0 && micros > 0) {
            micros -= Interval.MICROS_PER_DAY;
            days++;
        }
        return interval(months, days, micros);
    }

    private static Interval interval(long months, long days, long micros) {
        if (months != (int) months || days != (int) days) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        return new Interval((int) months, (int) days, micros);
    }

    /** date_bin for timestamp and timestamptz (both arguments of one type); strides of months or years are 22023. */
    private static Object dateBin(Interval stride, Object source, Object origin) {
        if (stride.months() != 0) {
            // PostgreSQL says 0A000, which KyroDB keeps for connection-level failures (see SqlState)
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                    "timestamps cannot be binned into intervals containing months or years");
        }
        long step = Math.addExact(Math.multiplyExact((long) stride.days(), Interval.MICROS_PER_DAY), stride.micros());
        if (step <= 0) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "stride must be greater than zero");
        }
        if (!ISFINITE.apply(new Object[]{source}, null).equals(Boolean.TRUE)) {
            return source;
        }
        if (!ISFINITE.apply(new Object[]{origin}, null).equals(Boolean.TRUE)) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "origin out of range");
        }
        boolean zoned = source instanceof Instant;
        Instant s = zoned ? (Instant) source : ((LocalDateTime) source).toInstant(java.time.ZoneOffset.UTC);
        Instant o = zoned ? (Instant) origin : ((LocalDateTime) origin).toInstant(java.time.ZoneOffset.UTC);
        long diff = ChronoUnit.MICROS.between(o, s);
        Instant bin = o.plus(Math.floorDiv(diff, step) * step, ChronoUnit.MICROS);
        return zoned ? bin : LocalDateTime.ofInstant(bin, java.time.ZoneOffset.UTC);
    }

    /** Months from years and months, days from weeks and days, microseconds from the rest (seconds rounded half to even, as PostgreSQL's rint). */
    private static Interval makeInterval(Object[] args) {
        double secs = ((Number) args[6]).doubleValue();
        if (Double.isInfinite(secs) || Double.isNaN(secs)) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        try {
            int months = Math.addExact(Math.multiplyExact(((Number) args[0]).intValue(), 12), ((Number) args[1]).intValue());
            int days = Math.addExact(Math.multiplyExact(((Number) args[2]).intValue(), 7), ((Number) args[3]).intValue());
            double micros = Math.rint(secs * 1_000_000);
            if (Math.abs(micros) >= 0x1p63) {
                throw new ArithmeticException();
            }
            long time = Math.addExact(Math.addExact(Math.multiplyExact(((Number) args[4]).longValue(), 3_600_000_000L),
                    Math.multiplyExact(((Number) args[5]).longValue(), 60_000_000L)), (long) micros);
            return new Interval(months, days, time);
        } catch (ArithmeticException e) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }

    /** PostgreSQL's limits: hour 0..23 (24 only for 24:00:00, not representable here), minutes 0..59, seconds 0..60 (60 carries over). */
    private static LocalTime makeTime(int hour, int min, double sec) {
        long micros = Math.round(sec * 1_000_000);
        if (hour < 0 || hour > 23 || min < 0 || min > 59 || !(sec >= 0) || micros > 60_000_000L
                || (hour == 23 && min == 59 && micros > 59_999_999L)) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "time field value out of range: " + hour + ":"
                    + (min < 10 && min >= 0 ? "0" : "") + min + ":" + (sec < 10 && sec >= 0 ? "0" : "")
                    + (sec == Math.rint(sec) && Math.abs(sec) < 1e15 ? String.valueOf((long) sec) : String.valueOf(sec)));
        }
        return LocalTime.of(hour, min).plus(micros, ChronoUnit.MICROS);
    }

    /** The value as a local timestamp: timestamptz in the session's zone, a date at midnight. */
    private static LocalDateTime local(Object v) {
        return switch (v) {
            case LocalDateTime t -> t;
            case Instant i -> DateTimes.toTimestamp(i);
            case LocalDate d -> DateTimes.toTimestamp(d);
            case LocalTime t -> LocalDate.EPOCH.atTime(t);
            case java.time.OffsetTime t -> LocalDate.EPOCH.atTime(t.toLocalTime());
            default -> throw new IllegalStateException("not a timestamp: " + v.getClass());
        };
    }

    private static BigDecimal extract(String field, Object v) {
        String f = field.toLowerCase(Locale.ROOT);
        if (v instanceof Interval i) {
            return extractInterval(f, i);
        }
        if (f.equals("epoch")) {
            Instant instant = v instanceof Instant i ? i : local(v).toInstant(java.time.ZoneOffset.UTC);
            BigDecimal s = BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano() / 1000, 6));
            return v instanceof LocalDate ? s.setScale(0, RoundingMode.UNNECESSARY) : s;
        }
        LocalDateTime t = local(v);
        long micros = t.getSecond() * 1_000_000L + t.getNano() / 1000;
        return switch (f) {
            case "year", "years" -> BigDecimal.valueOf(t.getYear());
            case "month", "months", "mon" -> BigDecimal.valueOf(t.getMonthValue());
            case "day", "days" -> BigDecimal.valueOf(t.getDayOfMonth());
            case "hour", "hours" -> BigDecimal.valueOf(t.getHour());
            case "minute", "minutes" -> BigDecimal.valueOf(t.getMinute());
            case "second", "seconds" -> BigDecimal.valueOf(micros, 6);
            case "milliseconds", "millisecond" -> BigDecimal.valueOf(micros, 3);
            case "microseconds", "microsecond" -> BigDecimal.valueOf(micros);
            case "dow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue() % 7);
            case "isodow" -> BigDecimal.valueOf(t.getDayOfWeek().getValue());
            case "doy" -> BigDecimal.valueOf(t.getDayOfYear());
            case "week" -> BigDecimal.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "isoyear" -> BigDecimal.valueOf(t.get(IsoFields.WEEK_BASED_YEAR));
            case "quarter" -> BigDecimal.valueOf((t.getMonthValue() - 1) / 3 + 1);
            case "decade" -> BigDecimal.valueOf(Math.floorDiv(t.getYear(), 10));
            case "century" -> BigDecimal.valueOf(t.getYear() > 0 ? (t.getYear() + 99) / 100 : -((99 - t.getYear()) / 100));
            case "millennium" -> BigDecimal.valueOf(t.getYear() > 0 ? (t.getYear() + 999) / 1000 : -((999 - t.getYear()) / 1000));
            default -> throw unit(field, v);
        };
    }

    private static BigDecimal extractInterval(String f, Interval i) {
        long timeMicros = i.micros();
        return switch (f) {
            case "epoch" -> BigDecimal.valueOf(((long) i.months() / 12 * 365 * 86400 + (long) i.months() % 12 * 30 * 86400
                    + (long) i.months() / 12 * 21600 + (long) i.days() * 86400) * 1_000_000 + timeMicros, 6);
            case "year", "years" -> BigDecimal.valueOf(i.months() / 12);
            case "month", "months", "mon" -> BigDecimal.valueOf(i.months() % 12);
            case "day", "days" -> BigDecimal.valueOf(i.days());
            case "hour", "hours" -> BigDecimal.valueOf(timeMicros / 3_600_000_000L);
            case "minute", "minutes" -> BigDecimal.valueOf(timeMicros / 60_000_000L % 60);
            case "second", "seconds" -> BigDecimal.valueOf(timeMicros % 60_000_000L, 6);
            case "milliseconds", "millisecond" -> BigDecimal.valueOf(timeMicros % 60_000_000L, 3);
            case "microseconds", "microsecond" -> BigDecimal.valueOf(timeMicros % 60_000_000L);
            default -> throw unit(f, i);
        };
    }

    private static KyroException unit(String field, Object v) {
        String type = v instanceof Interval ? "interval" : v instanceof Instant ? "timestamp with time zone"
                : v instanceof LocalDate ? "date" : "timestamp without time zone";
        return new KyroException(SqlState.INVALID_PARAMETER_VALUE, "unit \"" + field + "\" not supported for type " + type);
    }

    private static Object truncate(String field, Object v) {
        if (v instanceof Interval) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "date_trunc on interval is not supported yet");
        }
        LocalDateTime t = local(v);
        if (t.equals(LocalDateTime.MAX) || t.equals(LocalDateTime.MIN)) {
            return v;
        }
        LocalDateTime r = switch (field.toLowerCase(Locale.ROOT)) {
            case "microseconds" -> t;
            case "milliseconds" -> t.truncatedTo(ChronoUnit.MILLIS);
            case "second" -> t.truncatedTo(ChronoUnit.SECONDS);
            case "minute" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "hour" -> t.truncatedTo(ChronoUnit.HOURS);
            case "day" -> t.truncatedTo(ChronoUnit.DAYS);
            case "week" -> t.truncatedTo(ChronoUnit.DAYS).minusDays(t.getDayOfWeek().getValue() - 1);
            case "month" -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
            case "quarter" -> LocalDate.of(t.getYear(), (t.getMonthValue() - 1) / 3 * 3 + 1, 1).atStartOfDay();
            case "year" -> LocalDate.of(t.getYear(), 1, 1).atStartOfDay();
            case "decade" -> LocalDate.of(Math.floorDiv(t.getYear(), 10) * 10, 1, 1).atStartOfDay();
            case "century" -> LocalDate.of((t.getYear() - 1) / 100 * 100 + 1, 1, 1).atStartOfDay();
            case "millennium" -> LocalDate.of((t.getYear() - 1) / 1000 * 1000 + 1, 1, 1).atStartOfDay();
            default -> throw unit(field, v);
        };
        return v instanceof Instant ? DateTimes.toTimestamptz(r) : r;
    }

    /** Postgres's age: field-wise years, months, days and time, borrowing the days of the earlier month. */
    private static Interval age(LocalDateTime a, LocalDateTime b) {
        boolean negative = a.isBefore(b);
        LocalDateTime hi = negative ? b : a;
        LocalDateTime lo = negative ? a : b;
        long micros = ChronoUnit.MICROS.between(lo.toLocalTime(), hi.toLocalTime());
        int days = hi.getDayOfMonth() - lo.getDayOfMonth();
        int months = hi.getMonthValue() - lo.getMonthValue();
        int years = hi.getYear() - lo.getYear();
        if (micros < 0) {
            micros += Interval.MICROS_PER_DAY;
            days--;
        }
        if (days < 0) {
            days += lo.toLocalDate().lengthOfMonth();
            months--;
        }
        if (months < 0) {
            months += 12;
            years--;
        }
        Interval r = new Interval(years * 12 + months, days, micros);
        return negative ? io.kyrodb.engine.types.DateTimeText.negate(r) : r;
    }

    /** The result type of a date_trunc on {@code t}. */
    public static SqlType truncType(SqlType t) {
        return t.kind() == TypeKind.DATE ? SqlType.TIMESTAMPTZ : SqlType.of(t.kind());
    }

    /** to_char on numbers: 9 (digit or space), 0 (digit), . and , and FM; Postgres pads with a sign column. */
    static final class NumberFormat {
        private NumberFormat() {
        }

        static String format(Number n, String pattern) {
            boolean fm = pattern.startsWith("FM");
            String p = fm ? pattern.substring(2) : pattern;
            int dot = p.indexOf('.');
            String intPart = dot < 0 ? p : p.substring(0, dot);
            String fracPart = dot < 0 ? "" : p.substring(dot + 1);
            int fracDigits = (int) fracPart.chars().filter(c -> c == '9' || c == '0').count();
            int intDigits = (int) intPart.chars().filter(c -> c == '9' || c == '0').count();
            if (n instanceof io.kyrodb.engine.types.NumericSpecial s) {   // NaN where it fits, else #s, as Postgres
                if (s.isNaN() && intDigits >= 3) {
                    return (fm ? "" : " ".repeat(intDigits - 2)) + "NaN";
                }
                return (s.signum() < 0 ? "-" : fm ? "" : " ") + "#".repeat(intDigits) + (dot >= 0 ? "." + "#".repeat(fracDigits) : "");
            }
            BigDecimal d = (n instanceof BigDecimal b ? b : new BigDecimal(Values.toText(n).replace("e+", "e")))
                    .setScale(fracDigits, RoundingMode.HALF_UP);
            String digits = d.abs().toPlainString();
            String whole = digits.contains(".") ? digits.substring(0, digits.indexOf('.')) : digits;
            String frac = digits.contains(".") ? digits.substring(digits.indexOf('.') + 1) : "";
            if (whole.length() > intDigits) {
                return (fm ? "" : " ") + "#".repeat(intDigits) + (dot >= 0 ? "." + "#".repeat(fracDigits) : "");
            }
            if (whole.equals("0") && intPart.indexOf('0') < 0 && intDigits > 0 && !intPart.endsWith("0")) {
                whole = intPart.endsWith("9") && fracDigits > 0 ? "" : whole;
            }
            StringBuilder out = new StringBuilder();
            int w = whole.length() - 1;
            boolean started = false;
            StringBuilder rev = new StringBuilder();
            for (int i = intPart.length() - 1; i >= 0; i--) {
                char c = intPart.charAt(i);
                if (c == '9' || c == '0') {
                    if (w >= 0) {
                        rev.append(whole.charAt(w--));
                        started = true;
                    } else if (c == '0') {
                        rev.append('0');
                    } else {
                        rev.append(fm ? "" : " ");
                    }
                } else if (c == ',') {
                    rev.append(w >= 0 || started && w >= 0 ? "," : fm ? "" : " ");
                } else {
                    rev.append(c);
                }
            }
            out.append(d.signum() < 0 ? "-" : fm ? "" : " ");
            String intText = rev.reverse().toString();
            if (d.signum() < 0 && !fm) {
                int firstDigit = 0;
                while (firstDigit < intText.length() && intText.charAt(firstDigit) == ' ') {
                    firstDigit++;
                }
                out.setLength(0);
                out.append(" ".repeat(firstDigit)).append('-').append(intText.substring(firstDigit));
            } else {
                out.append(intText);
            }
            if (dot >= 0) {
                out.append('.').append(frac);
            }
            return out.toString();
        }
    }

    /** A pair's end: itself, or its start plus it when it is a length (NULL when either is). */
    private static Object end(Object start, Object end) {
        return end instanceof Interval length ? start == null ? null : DateTimeArithmeticExpr.plus(start, length, 1) : end;
    }

    /** A pair as {start, end}: in order; with one NULL, the other value as its start and the end unknown. */
    private static Object[] period(Object start, Object end) {
        if (start == null || end == null) {
            return new Object[] {start == null ? end : start, null};
        }
        return Values.compare(start, end) > 0 ? new Object[] {end, start} : new Object[] {start, end};
    }

    private static Boolean overlaps(Object start1, Object end1, Object start2, Object end2) {
        Object[] p1 = period(start1, end1);
        Object[] p2 = period(start2, end2);
        Object s1 = p1[0];
        Object e1 = p1[1];
        Object s2 = p2[0];
        Object e2 = p2[1];
        if (s1 == null || s2 == null) {
            return null;
        }
        int c = Values.compare(s1, s2);
        if (c > 0) {               // the first starts later: it overlaps if it starts before the second ends
            if (e2 == null) {
                return null;
            }
            return Values.compare(s1, e2) < 0 ? Boolean.TRUE : e1 == null ? null : Boolean.FALSE;
        }
        if (c < 0) {
            if (e1 == null) {
                return null;
            }
            return Values.compare(s2, e1) < 0 ? Boolean.TRUE : e2 == null ? null : Boolean.FALSE;
        }
        return e1 == null || e2 == null ? null : Boolean.TRUE;   // the same start
    }
}
