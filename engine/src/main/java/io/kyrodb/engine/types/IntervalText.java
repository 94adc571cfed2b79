package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code interval}'s text input as PostgreSQL reads it: the verbose form ({@code 1 year 2 mons
 * 3 days 04:05:06}, {@code @ 1 hour ago}, {@code 1.5 days}), the SQL forms ({@code 1-2} years and
 * months, {@code 3 4:05:06} days and a time) and ISO 8601 ({@code P1DT2H}). The type's typmod
 * ({@link IntervalTypmod}) says what a number without a unit is ({@code '1'::interval day} is a
 * day) and whether {@code a:b} is minutes and seconds, and is applied to the result.
 * Bad syntax is 22007, a field out of range 22015.
 */
public final class IntervalText {
    private static final Pattern TOKEN = Pattern.compile(
            "([+-]?\\d+:\\d{1,2}(?::\\d{1,2}(?:\\.\\d*)?|\\.\\d*)?)"   // 1: a clock, h:m[:s[.f]] or m:s.f
                    + "|([+-]?\\d+)-(\\d+)(?![\\d:.])"                  // 2, 3: years-months
                    + "|([+-]?(?:\\d+\\.?\\d*|\\.\\d+))\\s*([a-z]+)?"    // 4, 5: a number and its unit
                    + "|(ago)",                                         // 6
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ISO = Pattern.compile(
            "P(?:([+-]?\\d+)Y)?(?:([+-]?\\d+)M)?(?:([+-]?\\d+)W)?(?:([+-]?\\d+)D)?"
                    + "(?:T(?:([+-]?\\d+)H)?(?:([+-]?\\d+)M)?(?:([+-]?\\d+(?:\\.\\d+)?)S)?)?", Pattern.CASE_INSENSITIVE);

    private IntervalText() {
    }

    /** {@code text} read as an interval of the type with {@code typmod} (0: plain {@code interval}). */
    public static Interval parse(String text, int typmod) {
        String t = text.strip();
        if (t.startsWith("@")) {
            t = t.substring(1).strip();
        }
        if (t.isEmpty()) {
            throw DateTimeText.invalid("interval", text);
        }
        Matcher iso = ISO.matcher(t);
        if (t.length() > 1 && iso.matches()) {
            return IntervalTypmod.fit(isoInterval(iso), typmod);
        }
        java.util.List<Matcher> tokens = new java.util.ArrayList<>();
        int at = 0;
        while (at < t.length()) {
            if (Character.isWhitespace(t.charAt(at)) || t.charAt(at) == ',') {
                at++;
                continue;
            }
            Matcher m = TOKEN.matcher(t);
            if (!m.find(at) || m.start() != at) {
                throw DateTimeText.invalid("interval", text);
            }
            tokens.add(m);
            at = m.end();
        }
        if (tokens.isEmpty()) {
            throw DateTimeText.invalid("interval", text);
        }
        double months = 0;
        double days = 0;
        BigDecimal micros = BigDecimal.ZERO;
        boolean ago = false;
        for (int i = 0; i < tokens.size(); i++) {
            Matcher m = tokens.get(i);
            if (m.group(6) != null) {
                ago = true;
            } else if (m.group(1) != null) {
                micros = micros.add(clockMicros(m.group(1), typmod, text));
            } else if (m.group(2) != null) {
                long years = Long.parseLong(m.group(2));
                long more = Long.parseLong(m.group(3));
                months += 12 * years + (m.group(2).startsWith("-") ? -more : more);
            } else {
                BigDecimal n = new BigDecimal(m.group(4).startsWith("+") ? m.group(4).substring(1) : m.group(4));
                String unit = m.group(5) == null ? bareUnit(tokens, i, typmod, text) : m.group(5).toLowerCase(Locale.ROOT);
                switch (unit) {
                    case "microsecond", "microseconds", "us", "usec", "usecs", "microsecon" -> micros = micros.add(n);
                    case "millisecond", "milliseconds", "ms", "msec", "msecs" -> micros = micros.add(n.movePointRight(3));
                    case "second", "seconds", "s", "sec", "secs" -> micros = micros.add(n.movePointRight(6));
                    case "minute", "minutes", "m", "min", "mins" -> micros = micros.add(n.multiply(BigDecimal.valueOf(60_000_000L)));
                    case "hour", "hours", "h", "hr", "hrs" -> micros = micros.add(n.multiply(BigDecimal.valueOf(3_600_000_000L)));
                    case "day", "days", "d" -> days += n.doubleValue();
                    case "week", "weeks", "w" -> days += 7 * n.doubleValue();
                    case "month", "months", "mon", "mons" -> months += n.doubleValue();
                    case "year", "years", "y", "yr", "yrs" -> months += 12 * n.doubleValue();
                    case "decade", "decades" -> months += 120 * n.doubleValue();
                    case "century", "centuries" -> months += 1200 * n.doubleValue();
                    case "millennium", "millennia", "millenniums" -> months += 12000 * n.doubleValue();
                    default -> throw DateTimeText.invalid("interval", text);
                }
            }
        }
        Interval r = fromParts(months, days, micros, text);
        return IntervalTypmod.fit(ago ? DateTimeText.negate(r) : r, typmod);
    }

    /**
     * What a number without a unit is: days before a clock ({@code 3 4:05:06}), else, as the last
     * word, the typmod's last field (seconds for a plain interval); anywhere else it would repeat
     * a field, which PostgreSQL refuses.
     */
    private static String bareUnit(java.util.List<Matcher> tokens, int i, int typmod, String text) {
        if (i + 1 < tokens.size() && tokens.get(i + 1).group(1) != null) {
            return "day";
        }
        if (i + 1 < tokens.size() && tokens.get(i + 1).group(6) == null) {
            throw DateTimeText.invalid("interval", text);
        }
        return IntervalTypmod.bareNumberUnit(typmod);
    }

    /** {@code h:m[:s[.f]]}; {@code m:s.f}, and {@code m:s} in a {@code minute to second} interval. */
    private static BigDecimal clockMicros(String clock, int typmod, String text) {
        boolean negative = clock.startsWith("-");
        String c = clock.startsWith("-") || clock.startsWith("+") ? clock.substring(1) : clock;
        String[] parts = c.split(":");
        long h = Long.parseLong(parts[0]);
        String second = parts.length > 2 ? parts[2] : null;
        boolean minutesFirst = parts.length == 2 && (parts[1].contains(".") || IntervalTypmod.clockIsMinutes(typmod));
        if (minutesFirst) {
            second = parts[1];
            parts[1] = parts[0];
            h = 0;
        }
        BigDecimal s = second == null ? BigDecimal.ZERO : new BigDecimal(second.endsWith(".") ? second + "0" : second);
        long mi = Long.parseLong(parts[1]);
        if (!minutesFirst && mi > 59 || s.compareTo(BigDecimal.valueOf(60)) >= 0) {
            throw DateTimeText.outOfRange(text);
        }
        BigDecimal total = BigDecimal.valueOf(h * 3600 + mi * 60).add(s).movePointRight(6);
        return negative ? total.negate() : total;
    }

    private static Interval isoInterval(Matcher m) {
        double months = 12 * num(m.group(1)) + num(m.group(2));
        double days = 7 * num(m.group(3)) + num(m.group(4));
        BigDecimal micros = BigDecimal.valueOf((long) num(m.group(5)) * 3_600_000_000L + (long) num(m.group(6)) * 60_000_000L)
                .add(m.group(7) == null ? BigDecimal.ZERO : new BigDecimal(m.group(7)).movePointRight(6));
        return fromParts(months, days, micros, m.group());
    }

    private static double num(String s) {
        return s == null ? 0 : Double.parseDouble(s);
    }

    /** Spills fractional months into days (30 a month) and fractional days into time, as Postgres does. */
    static Interval fromParts(double months, double days, BigDecimal micros, String text) {
        double wholeMonths = months < 0 ? Math.ceil(months) : Math.floor(months);
        double monthFractionDays = (months - wholeMonths) * 30;
        double totalDays = days + monthFractionDays;
        double wholeDays = totalDays < 0 ? Math.ceil(totalDays) : Math.floor(totalDays);
        BigDecimal dayFraction = BigDecimal.valueOf(totalDays - wholeDays).multiply(BigDecimal.valueOf(Interval.MICROS_PER_DAY));
        BigDecimal allMicros = micros.add(dayFraction).setScale(0, RoundingMode.HALF_EVEN);
        if (Math.abs(wholeMonths) > Integer.MAX_VALUE || Math.abs(wholeDays) > Integer.MAX_VALUE
                || allMicros.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new KyroException(SqlState.INTERVAL_FIELD_OVERFLOW, "interval field value out of range: \""
                    + Values.abbreviate(text) + "\"");
        }
        return new Interval((int) wholeMonths, (int) wholeDays, allMicros.longValueExact());
    }
}
