package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text forms of date, time, timestamp, timestamptz and interval as Postgres reads and prints
 * them (DateStyle ISO, IntervalStyle postgres). Input: ISO dates and times with a space or
 * {@code T}, fractional seconds rounded to microseconds, zone suffixes ({@code Z}, {@code +02},
 * {@code +05:30}, {@code Europe/Berlin}), and the special words {@code now}, {@code today},
 * {@code tomorrow}, {@code yesterday}, {@code epoch}, {@code infinity}, {@code -infinity}
 * ({@code LocalDate.MAX}/{@code MIN}, {@code LocalDateTime.MAX}/{@code MIN}, {@code Instant.MAX}/{@code MIN}).
 * Bad syntax is 22007, a field out of range (month 13, 25 o'clock) 22008.
 */
public final class DateTimeText {
    private static final Pattern DATE = Pattern.compile("(\\d{4,})-(\\d{1,2})-(\\d{1,2})|(\\d{4})(\\d{2})(\\d{2})");
    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d*))?)?");
    private static final Pattern ZONE = Pattern.compile(
            "(?:Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2}(?::?\\d{2})?)?|[A-Za-z][A-Za-z0-9_/+-]*)", Pattern.CASE_INSENSITIVE);
    static final Pattern TIMESTAMP = Pattern.compile("(" + DATE.pattern() + ")(?:(?:[ T]+)("
            + TIME.pattern() + "))?\\s*(" + ZONE.pattern() + ")?", Pattern.CASE_INSENSITIVE);
    static final Pattern TIME_WITH_ZONE = Pattern.compile("(" + TIME.pattern() + ")\\s*(" + ZONE.pattern() + ")?",
            Pattern.CASE_INSENSITIVE);

    private DateTimeText() {
    }

    // ---- Input ----------------------------------------------------------------------------------

    public static LocalDate parseDate(String text) {
        String t = text.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "infinity", "+infinity" -> { return LocalDate.MAX; }
            case "-infinity" -> { return LocalDate.MIN; }
            case "epoch" -> { return LocalDate.EPOCH; }
            case "now", "today" -> { return today(); }
            case "tomorrow" -> { return today().plusDays(1); }
            case "yesterday" -> { return today().minusDays(1); }
            default -> { }
        }
        Matcher m = TIMESTAMP.matcher(t);
        if (!m.matches()) {
            throw invalid("date", text);
        }
        return date(m, text, "date");
    }

    public static LocalTime parseTime(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("now")) {
            return LocalDateTime.ofInstant(SessionClock.now(), SessionClock.zone()).toLocalTime();
        }
        if (t.equalsIgnoreCase("allballs")) {
            return LocalTime.MIDNIGHT;
        }
        Matcher m = TIME_WITH_ZONE.matcher(t);
        if (m.matches()) {
            return time(m, 2, text, "time without time zone");
        }
        Matcher ts = TIMESTAMP.matcher(t);
        if (ts.matches() && ts.group(8) != null) {
            date(ts, text, "time without time zone");
            return time(ts, 9, text, "time without time zone");
        }
        throw invalid("time without time zone", text);
    }

    public static LocalDateTime parseTimestamp(String text) {
        String t = text.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "infinity", "+infinity" -> { return LocalDateTime.MAX; }
            case "-infinity" -> { return LocalDateTime.MIN; }
            case "epoch" -> { return LocalDateTime.of(1970, 1, 1, 0, 0); }
            case "now" -> { return LocalDateTime.ofInstant(SessionClock.now(), SessionClock.zone()); }
            case "today" -> { return today().atStartOfDay(); }
            case "tomorrow" -> { return today().plusDays(1).atStartOfDay(); }
            case "yesterday" -> { return today().minusDays(1).atStartOfDay(); }
            default -> { }
        }
        Matcher m = TIMESTAMP.matcher(t);
        if (!m.matches()) {
            throw invalid("timestamp without time zone", text);
        }
        LocalDate d = date(m, text, "timestamp without time zone");
        long micros = m.group(8) == null ? 0 : timeMicros(m, 9, text);
        if (m.group(13) != null) {
            zoneOf(m.group(13), text, "timestamp without time zone");   // checked, then ignored, as Postgres does
        }
        return d.atStartOfDay().plusNanos(micros * 1000);   // 23:59:59.9999999 rounds to the next midnight
    }

    public static Instant parseTimestamptz(String text) {
        String t = text.strip();
        ZoneId session = SessionClock.zone();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "infinity", "+infinity" -> { return Instant.MAX; }
            case "-infinity" -> { return Instant.MIN; }
            case "epoch" -> { return Instant.EPOCH; }
            case "now" -> { return SessionClock.now(); }
            case "today", "tomorrow", "yesterday" -> { return parseTimestamp(t).atZone(session).toInstant(); }
            default -> { }
        }
        Matcher m = TIMESTAMP.matcher(t);
        if (!m.matches()) {
            throw invalid("timestamp with time zone", text);
        }
        LocalDate d = date(m, text, "timestamp with time zone");
        long micros = m.group(8) == null ? 0 : timeMicros(m, 9, text);
        String zone = m.group(13);
        ZoneId z = zone == null ? session : zoneOf(zone, text, "timestamp with time zone");
        return d.atStartOfDay().plusNanos(micros * 1000).atZone(z).toInstant();
    }

    static ZoneId zoneOf(String zone, String text, String type) {
        String z = zone.strip();
        if (z.matches("[+-]\\d{1,2}(:?\\d{2}(:?\\d{2})?)?")) {
            String digits = z.substring(1).replace(":", "");
            int h;
            int mi = 0;
            int s = 0;
            if (digits.length() <= 2) {
                h = Integer.parseInt(digits);
            } else {
                h = Integer.parseInt(digits.substring(0, digits.length() % 2 == 0 ? 2 : 1));
                String rest = digits.substring(digits.length() % 2 == 0 ? 2 : 1);
                mi = Integer.parseInt(rest.substring(0, 2));
                s = rest.length() >= 4 ? Integer.parseInt(rest.substring(2, 4)) : 0;
            }
            int total = h * 3600 + mi * 60 + s;
            if (h > 15 || mi > 59 || s > 59) {
                throw outOfRange(text);
            }
            return ZoneOffset.ofTotalSeconds(z.startsWith("-") ? -total : total);
        }
        try {
            return SessionClock.parseZone(z);
        } catch (KyroException unknown) {
            if (!z.contains("/")) {
                throw invalid(type, text);   // not a zone name at all: bad syntax
            }
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + z + "\" not recognized");
        }
    }

    private static LocalDate today() {
        return LocalDate.ofInstant(SessionClock.now(), SessionClock.zone());
    }

    /** The date of a {@link #TIMESTAMP} match (groups 2-7). */
    static LocalDate date(Matcher m, String text, String type) {
        boolean iso = m.group(2) != null;
        int year;
        try {
            year = Integer.parseInt(iso ? m.group(2) : m.group(5));
        } catch (NumberFormatException e) {
            throw outOfRange(text);
        }
        if (year > 294276 || year < 1) {
            throw outOfRange(text);
        }
        int month = Integer.parseInt(iso ? m.group(3) : m.group(6));
        int day = Integer.parseInt(iso ? m.group(4) : m.group(7));
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw outOfRange(text);
        }
    }

    /**
     * The time of day of a match whose hour is group {@code g} (then minute, second, fraction).
     * Fractional seconds round to microseconds; where that passes 23:59:59.999999, PostgreSQL's
     * time holds 24:00:00, which LocalTime cannot: the time is then 23:59:59.999999 (as
     * {@link DateTimes#fitTime} rounds).
     */
    static LocalTime time(Matcher m, int g, String text, String type) {
        long micros = timeMicros(m, g, text);
        return micros >= MICROS_PER_DAY ? LAST_MICROSECOND : LocalTime.ofNanoOfDay(micros * 1000);
    }

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    private static final LocalTime LAST_MICROSECOND = LocalTime.MAX.withNano(999_999_000);

    /** {@link #time} in microseconds since midnight: one day (the next midnight) where the fraction rounds up to it. */
    private static long timeMicros(Matcher m, int g, String text) {
        int h = Integer.parseInt(m.group(g));
        int mi = Integer.parseInt(m.group(g + 1));
        int s = m.group(g + 2) == null ? 0 : Integer.parseInt(m.group(g + 2));
        String fraction = m.group(g + 3);
        long micros = 0;
        if (fraction != null && !fraction.isEmpty()) {
            micros = new BigDecimal("0." + fraction).movePointRight(6).setScale(0, RoundingMode.HALF_EVEN).longValue();
        }
        if (h > 23 || mi > 59 || s > 59) {
            throw outOfRange(text);
        }
        return (h * 3600L + mi * 60L + s) * 1_000_000L + micros;
    }

    public static KyroException invalid(String type, String text) {
        return new KyroException(SqlState.INVALID_DATETIME_FORMAT, "invalid input syntax for type " + type + ": \""
                + Values.abbreviate(text) + "\"");
    }

    public static KyroException outOfRange(String text) {
        return new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                + Values.abbreviate(text) + "\"");
    }

    // ---- Output ---------------------------------------------------------------------------------

    public static String formatDate(LocalDate d) {
        if (d.equals(LocalDate.MAX)) {
            return "infinity";
        }
        if (d.equals(LocalDate.MIN)) {
            return "-infinity";
        }
        int y = d.getYear();
        String date = String.format(Locale.ROOT, "%04d-%02d-%02d", y > 0 ? y : 1 - y, d.getMonthValue(), d.getDayOfMonth());
        return y > 0 ? date : date + " BC";
    }

    public static String formatTime(LocalTime t) {
        StringBuilder b = new StringBuilder(15);
        b.append(String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        appendFraction(b, t.getNano() / 1000);
        return b.toString();
    }

    private static void appendFraction(StringBuilder b, long micros) {
        if (micros != 0) {
            String f = String.format(Locale.ROOT, "%06d", micros);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            b.append('.').append(f, 0, end);
        }
    }

    public static String formatTimestamp(LocalDateTime ts) {
        if (ts.equals(LocalDateTime.MAX)) {
            return "infinity";
        }
        if (ts.equals(LocalDateTime.MIN)) {
            return "-infinity";
        }
        String date = formatDate(ts.toLocalDate());
        boolean bc = date.endsWith(" BC");
        String time = formatTime(ts.toLocalTime());
        return bc ? date.substring(0, date.length() - 3) + " " + time + " BC" : date + " " + time;
    }

    /** In the session's TimeZone, with its offset as Postgres prints it ({@code +00}, {@code +05:30}). */
    public static String formatTimestamptz(Instant i) {
        return formatTimestamptz(i, SessionClock.zone());
    }

    public static String formatTimestamptz(Instant i, ZoneId zone) {
        if (i.equals(Instant.MAX)) {
            return "infinity";
        }
        if (i.equals(Instant.MIN)) {
            return "-infinity";
        }
        LocalDateTime local = LocalDateTime.ofInstant(i, zone);
        int offset = zone.getRules().getOffset(i).getTotalSeconds();
        String text = formatTimestamp(local);
        String suffix = "";
        if (text.endsWith(" BC")) {
            text = text.substring(0, text.length() - 3);
            suffix = " BC";
        }
        return text + formatOffset(offset) + suffix;
    }

    static String formatOffset(int seconds) {
        int a = Math.abs(seconds);
        StringBuilder b = new StringBuilder(seconds < 0 ? "-" : "+");
        b.append(String.format(Locale.ROOT, "%02d", a / 3600));
        if (a % 3600 != 0) {
            b.append(String.format(Locale.ROOT, ":%02d", a % 3600 / 60));
            if (a % 60 != 0) {
                b.append(String.format(Locale.ROOT, ":%02d", a % 60));
            }
        }
        return b.toString();
    }

    /** IntervalStyle postgres: {@code 1 year 2 mons -3 days +04:05:06.5}, zero as {@code 00:00:00}. */
    public static String formatInterval(Interval v) {
        StringBuilder b = new StringBuilder();
        boolean[] negativeBefore = {false};
        int years = v.months() / 12;
        int months = v.months() % 12;
        field(b, years, "year", negativeBefore);
        field(b, months, "mon", negativeBefore);
        field(b, v.days(), "day", negativeBefore);
        long micros = v.micros();
        if (micros != 0 || b.isEmpty()) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            if (micros < 0) {
                b.append('-');
            } else if (negativeBefore[0]) {
                b.append('+');
            }
            long a = Math.abs(micros);
            long seconds = a / 1_000_000;
            b.append(String.format(Locale.ROOT, "%02d:%02d:%02d", seconds / 3600, seconds % 3600 / 60, seconds % 60));
            appendFraction(b, a % 1_000_000);
        }
        return b.toString();
    }

    private static void field(StringBuilder b, long n, String unit, boolean[] negativeBefore) {
        if (n == 0) {
            return;
        }
        if (!b.isEmpty()) {
            b.append(' ');
        }
        if (n > 0 && negativeBefore[0]) {
            b.append('+');
        }
        b.append(n).append(' ').append(unit).append(n == 1 ? "" : "s");
        if (n < 0) {
            negativeBefore[0] = true;
        }
    }

    public static Interval negate(Interval i) {
        try {
            return new Interval(Math.negateExact(i.months()), Math.negateExact(i.days()), Math.negateExact(i.micros()));
        } catch (ArithmeticException e) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
    }
}
