package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The zones of {@code AT TIME ZONE} and {@code timezone(zone, x)}, read as Postgres reads them: a
 * zone abbreviation of its default set ({@code UTC}, {@code EST}, {@code CEST}: fixed offsets),
 * then a POSIX zone spec ({@code '+02'} and {@code 'UTC+3'} are west of Greenwich, so UTC-2 and
 * UTC-3), then a zone name in any case ({@code europe/berlin}); an {@code interval} is an offset
 * east of Greenwich and must hold neither months nor days. Unknown zones fail with 22023.
 */
public final class TimeZones {
    private TimeZones() {
    }

    /** Abbreviations of Postgres's {@code Default} set that users meet most (offsets in hours east). */
    private static final Map<String, ZoneOffset> ABBREVIATIONS = abbreviations();

    private static Map<String, ZoneOffset> abbreviations() {
        Map<String, ZoneOffset> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String z : new String[]{"UTC", "GMT", "UT", "Z", "ZULU", "WET"}) {
            m.put(z, ZoneOffset.UTC);
        }
        Object[][] offsets = {
                {"EST", -5 * 60}, {"EDT", -4 * 60}, {"CST", -6 * 60}, {"CDT", -5 * 60}, {"MST", -7 * 60},
                {"MDT", -6 * 60}, {"PST", -8 * 60}, {"PDT", -7 * 60}, {"AKST", -9 * 60}, {"AKDT", -8 * 60},
                {"HST", -10 * 60}, {"AST", -4 * 60}, {"ADT", -3 * 60}, {"NST", -(3 * 60 + 30)}, {"NDT", -(2 * 60 + 30)},
                {"BST", 60}, {"WEST", 60}, {"CET", 60}, {"CEST", 2 * 60}, {"MET", 60}, {"MEST", 2 * 60},
                {"EET", 2 * 60}, {"EEST", 3 * 60}, {"IST", 2 * 60}, {"MSK", 3 * 60}, {"JST", 9 * 60}, {"KST", 9 * 60},
                {"AEST", 10 * 60}, {"AEDT", 11 * 60}, {"ACST", 9 * 60 + 30}, {"AWST", 8 * 60},
                {"NZST", 12 * 60}, {"NZDT", 13 * 60},
        };
        for (Object[] o : offsets) {
            m.put((String) o[0], ZoneOffset.ofTotalSeconds((Integer) o[1] * 60));
        }
        return m;
    }

    /** {@code +02}, {@code -05:30}, {@code UTC+3}, {@code <+03>-3}: POSIX offsets, positive west. */
    private static final Pattern POSIX = Pattern.compile("(?:[A-Za-z]{3,}|<[^>]*>)?([+-]?)(\\d{1,2})(?::(\\d{2}))?(?::(\\d{2}))?");

    private static volatile Map<String, String> zoneIds;

    /** The zone a text names, as AT TIME ZONE reads it (22023 when unknown). */
    public static ZoneId parse(String text) {
        String t = text.strip();
        ZoneOffset abbreviation = ABBREVIATIONS.get(t);
        if (abbreviation != null) {
            return abbreviation;
        }
        Matcher m = POSIX.matcher(t);
        if (m.matches()) {
            int seconds = Integer.parseInt(m.group(2)) * 3600
                    + (m.group(3) == null ? 0 : Integer.parseInt(m.group(3)) * 60)
                    + (m.group(4) == null ? 0 : Integer.parseInt(m.group(4)));
            if (seconds <= 18 * 3600) {
                return ZoneOffset.ofTotalSeconds(m.group(1).equals("-") ? seconds : -seconds);
            }
        }
        String id = zoneIds().get(t.toLowerCase(Locale.ROOT));
        if (id != null) {
            try {
                return ZoneId.of(id);
            } catch (DateTimeException e) {
                // fall through to the error
            }
        }
        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "time zone \"" + t + "\" not recognized");
    }

    /** An interval as a zone: its time part east of Greenwich. */
    public static ZoneId of(Interval i) {
        if (i.months() != 0 || i.days() != 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "interval time zone \"" + i
                    + "\" must not include months or days");
        }
        long seconds = Math.floorDiv(i.micros(), 1_000_000L);
        if (Math.abs(seconds) > 18 * 3600) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "interval time zone \"" + i + "\" is out of range");
        }
        return ZoneOffset.ofTotalSeconds((int) seconds);
    }

    /** A zone argument (text or interval) as a zone. */
    public static ZoneId zone(Object zone) {
        return zone instanceof Interval i ? of(i) : parse((String) zone);
    }

    /** {@code timestamp AT TIME ZONE z}: the instant at which the wall clock of z shows t. */
    public static Instant atZone(LocalDateTime t, ZoneId zone) {
        if (t.equals(LocalDateTime.MAX)) {
            return Instant.MAX;
        }
        if (t.equals(LocalDateTime.MIN)) {
            return Instant.MIN;
        }
        return t.atZone(zone).toInstant();
    }

    /** {@code timestamptz AT TIME ZONE z}: the wall clock of z at instant i. */
    public static LocalDateTime wallClock(Instant i, ZoneId zone) {
        if (i.equals(Instant.MAX)) {
            return LocalDateTime.MAX;
        }
        if (i.equals(Instant.MIN)) {
            return LocalDateTime.MIN;
        }
        return LocalDateTime.ofInstant(i, zone);
    }

    private static Map<String, String> zoneIds() {
        Map<String, String> m = zoneIds;
        if (m == null) {
            Map<String, String> ids = new java.util.HashMap<>();
            for (String id : ZoneId.getAvailableZoneIds()) {
                ids.put(id.toLowerCase(Locale.ROOT), id);
            }
            zoneIds = m = ids;
        }
        return m;
    }
}
