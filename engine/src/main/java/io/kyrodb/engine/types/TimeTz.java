package io.kyrodb.engine.types;

import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code time with time zone} (timetz) values as {@link OffsetTime}, with Postgres's rules: text in
 * ({@code 10:00:00+02}, {@code 10:00 PST}, a zone-less time takes the session zone's current
 * offset; a zone name such as {@code Europe/Berlin} is refused, it has no offset without a date),
 * text out ({@code 10:00:00.5-05:30}), order (by the UTC time, then the larger offset first, so
 * {@code '10:00+02' < '09:00+01'} and the two are not equal), arithmetic with intervals (wrapping
 * at midnight, the offset kept) and zone conversion.
 */
public final class TimeTz {
    private static final long MICROS_PER_DAY = Interval.MICROS_PER_DAY;
    private static final Pattern OFFSET = Pattern.compile("[+-]\\d{1,2}(:?\\d{2}(:?\\d{2})?)?");

    private TimeTz() {
    }

    public static OffsetTime parse(String text) {
        String t = text.strip();
        if (t.equalsIgnoreCase("now")) {
            return java.time.OffsetDateTime.ofInstant(SessionClock.now(), SessionClock.zone()).toOffsetTime();
        }
        if (t.equalsIgnoreCase("allballs")) {
            return OffsetTime.of(LocalTime.MIDNIGHT, ZoneOffset.UTC);
        }
        Matcher m = DateTimeText.TIME_WITH_ZONE.matcher(t);
        if (m.matches()) {
            return OffsetTime.of(DateTimeText.time(m, 2, text, TYPE), offset(m.group(6), text));
        }
        Matcher ts = DateTimeText.TIMESTAMP.matcher(t);
        if (ts.matches() && ts.group(8) != null) {
            DateTimeText.date(ts, text, TYPE);
            return OffsetTime.of(DateTimeText.time(ts, 9, text, TYPE), offset(ts.group(13), text));
        }
        throw DateTimeText.invalid(TYPE, text);
    }

    private static final String TYPE = "time with time zone";

    private static ZoneOffset offset(String zone, String text) {
        if (zone == null) {
            return currentOffset(SessionClock.zone());
        }
        String z = zone.strip();
        if (OFFSET.matcher(z).matches()) {
            String digits = z.substring(1).replace(":", "");
            int hours = Integer.parseInt(digits.length() <= 2 ? digits : digits.substring(0, digits.length() % 2 == 0 ? 2 : 1));
            if (hours > 15) {
                throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.INVALID_TIME_ZONE_DISPLACEMENT_VALUE,
                        "time zone displacement out of range: \"" + text + "\"");
            }
            return (ZoneOffset) DateTimeText.zoneOf(z, text, TYPE);
        }
        if (z.contains("/")) {
            throw DateTimeText.invalid(TYPE, text);
        }
        try {
            ZoneId id = TimeZones.parse(z);
            if (id instanceof ZoneOffset o) {
                return o;
            }
        } catch (io.kyrodb.engine.KyroException unknown) {
            // not a zone abbreviation
        }
        throw DateTimeText.invalid(TYPE, text);
    }

    /** A zone's offset now (the transaction's start): what Postgres gives a time without a date. */
    public static ZoneOffset currentOffset(ZoneId zone) {
        return zone.getRules().getOffset(SessionClock.now());
    }

    public static String format(OffsetTime t) {
        return DateTimeText.formatTime(t.toLocalTime()) + DateTimeText.formatOffset(t.getOffset().getTotalSeconds());
    }

    /** The UTC time in microseconds (may lie outside one day): the first key of the order. */
    public static long utcMicros(OffsetTime t) {
        return t.toLocalTime().toNanoOfDay() / 1000 - t.getOffset().getTotalSeconds() * 1_000_000L;
    }

    public static int compare(OffsetTime a, OffsetTime b) {
        int c = Long.compare(utcMicros(a), utcMicros(b));
        return c != 0 ? c : Integer.compare(b.getOffset().getTotalSeconds(), a.getOffset().getTotalSeconds());
    }

    /** {@code timetz +- interval}: the time part only, wrapping at midnight; the offset stays. */
    public static OffsetTime plus(OffsetTime t, Interval i, int sign) {
        long micros = Math.floorMod(t.toLocalTime().toNanoOfDay() / 1000 + sign * Math.floorMod(i.micros(), MICROS_PER_DAY),
                MICROS_PER_DAY);
        return OffsetTime.of(LocalTime.ofNanoOfDay(micros * 1000), t.getOffset());
    }

    /** {@code timetz AT TIME ZONE zone}: the same instant at the zone's offset (a named zone's offset now). */
    public static OffsetTime atZone(OffsetTime t, ZoneId zone) {
        ZoneOffset target = zone instanceof ZoneOffset o ? o : currentOffset(zone);
        return t.withOffsetSameInstant(target);
    }

    /** {@code time -> timetz}: the session zone's offset now. */
    public static OffsetTime of(LocalTime t) {
        return OffsetTime.of(t, currentOffset(SessionClock.zone()));
    }

    /** {@code timestamptz -> timetz}: the wall clock and offset in the session's zone. */
    public static OffsetTime of(java.time.Instant i) {
        return java.time.OffsetDateTime.ofInstant(i, SessionClock.zone()).toOffsetTime();
    }

    /** {@code date + timetz}: the instant. */
    public static java.time.Instant at(java.time.LocalDate d, OffsetTime t) {
        return d.atTime(t).toInstant();
    }

    /** Rounds to {@code timetz(p)}'s fractional digits, as {@link DateTimes#fitTime}. */
    public static OffsetTime fit(OffsetTime t, SqlType type) {
        return OffsetTime.of(DateTimes.fitTime(t.toLocalTime(), type), t.getOffset());
    }
}
