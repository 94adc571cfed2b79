package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * Postgres's {@code to_char}, {@code to_date} and {@code to_timestamp} template patterns, the
 * common ones: YYYY YY MM DD DDD D HH24 HH12 HH MI SS MS US AM PM am pm Mon MON mon Month MONTH
 * month Dy DY Day DAY Q, and the FM prefix (no padding). Anything else is copied (to_char) or
 * skipped over (to_date); text in double quotes is literal.
 */
public final class DateTimeFormat {
    private static final String[] TOKENS = {"HH24", "HH12", "HH", "MI", "SS", "MS", "US", "AM", "PM", "am", "pm",
            "YYYY", "YY", "MONTH", "Month", "month", "MON", "Mon", "mon", "MM", "DAY", "Day", "day", "DDD", "DD", "DY",
            "Dy", "dy", "D", "Q"};

    private DateTimeFormat() {
    }

    public static String format(LocalDateTime t, String pattern) {
        return format(new Fields(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getDayOfYear(), t.getHour(),
                t.getMinute(), t.getSecond(), t.getNano() / 1_000, t), pattern);
    }

    /**
     * {@code to_char(interval, pattern)} as PostgreSQL: the fields are the interval's own, each
     * with its sign (years and months from the months, then days, hours past 24, minutes, seconds);
     * DDD counts 30-day months. Month and day names and D are 22007 (an interval has no calendar
     * date); Q is the months' quarter, empty for none.
     */
    public static String format(Interval iv, String pattern) {
        long micros = iv.micros();
        long year = iv.months() / 12;
        long month = iv.months() % 12;
        long hour = micros / 3_600_000_000L;
        long minute = micros % 3_600_000_000L / 60_000_000L;
        long second = micros % 60_000_000L / 1_000_000L;
        return format(new Fields(year, month, iv.days(), (year * 12 + month) * 30 + iv.days(), hour, minute, second,
                micros % 1_000_000L, null), pattern);
    }

    /** What the template's tokens print; {@code calendar} is the timestamp's date (null for an interval). */
    private record Fields(long year, long month, long day, long dayOfYear, long hour, long minute, long second,
                          long micros, LocalDateTime calendar) {
    }

    private static String format(Fields t, String pattern) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            boolean fm = pattern.startsWith("FM", i);
            if (fm) {
                i += 2;
            }
            if (i < pattern.length() && pattern.charAt(i) == '"') {
                int end = pattern.indexOf('"', i + 1);
                end = end < 0 ? pattern.length() : end;
                out.append(pattern, i + 1, end);
                i = end + 1;
                continue;
            }
            String token = tokenAt(pattern, i);
            if (token == null) {
                if (i < pattern.length()) {
                    out.append(pattern.charAt(i));
                }
                i++;
                continue;
            }
            i += token.length();
            long hour12 = t.hour() % 12 == 0 ? 12 : t.hour() % 12;
            boolean afternoon = t.hour() % 24 >= 12;
            LocalDateTime c = t.calendar();
            out.append(switch (token) {
                case "YYYY" -> pad(t.year(), 4, fm);
                case "YY" -> pad(t.year() % 100, 2, fm);
                case "MM" -> pad(t.month(), 2, fm);
                case "DD" -> padCounted(t.day(), 2, fm);
                case "DDD" -> padCounted(t.dayOfYear(), 3, fm);
                case "D" -> Integer.toString(calendar(c).getDayOfWeek().getValue() % 7 + 1);
                case "Q" -> c == null && t.month() == 0 ? "" : Long.toString((t.month() - 1) / 3 + 1);
                case "HH24" -> pad(t.hour(), 2, fm);
                case "HH12", "HH" -> pad(hour12, 2, fm);
                case "MI" -> pad(t.minute(), 2, fm);
                case "SS" -> pad(t.second(), 2, fm);
                case "MS" -> pad(t.micros() / 1_000, 3, fm);
                case "US" -> pad(t.micros(), 6, fm);
                case "AM", "PM" -> afternoon ? "PM" : "AM";
                case "am", "pm" -> afternoon ? "pm" : "am";
                case "MONTH", "Month", "month" -> word(calendar(c).getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH), token, 9, fm);
                case "MON", "Mon", "mon" -> word(calendar(c).getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), token, 3, fm);
                case "DAY", "Day", "day" -> word(calendar(c).getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH), token, 9, fm);
                case "DY", "Dy", "dy" -> word(calendar(c).getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH), token, 3, fm);
                default -> token;
            });
        }
        return out.toString();
    }

    /** The date a name or weekday token needs: an interval has none (22007, as PostgreSQL). */
    private static LocalDateTime calendar(LocalDateTime c) {
        if (c == null) {
            throw new KyroException(SqlState.INVALID_DATETIME_FORMAT, "invalid format specification for an interval value:"
                    + " intervals are not tied to specific calendar dates");
        }
        return c;
    }

    private static String tokenAt(String pattern, int i) {
        for (String t : TOKENS) {
            if (pattern.startsWith(t, i)) {
                return t;
            }
        }
        return null;
    }

    private static String pad(long n, int width, boolean fm) {
        String s = Long.toString(Math.abs(n));
        if (!fm) {
            s = "0".repeat(Math.max(0, width - s.length())) + s;
        }
        return n < 0 ? "-" + s : s;
    }

    /** {@link #pad}, with the sign counted in the width (PostgreSQL's DD and DDD of a negative interval: -5, -05). */
    private static String padCounted(long n, int width, boolean fm) {
        return n < 0 ? "-" + pad(-n, width - 1, fm) : pad(n, width, fm);
    }

    private static String word(String name, String token, int width, boolean fm) {
        String s = Character.isUpperCase(token.charAt(1)) ? name.toUpperCase(Locale.ROOT)
                : Character.isUpperCase(token.charAt(0)) ? name : name.toLowerCase(Locale.ROOT);
        return fm ? s : s + " ".repeat(Math.max(0, width - s.length()));
    }

    /** {@code to_timestamp(text, pattern)} / {@code to_date}: reads the fields the pattern names (22007 when the text does not fit). */
    public static LocalDateTime parse(String text, String pattern) {
        int year = 1;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        long micros = 0;
        Boolean pm = null;
        int t = 0;
        int i = 0;
        try {
            while (i < pattern.length()) {
                if (pattern.startsWith("FM", i)) {
                    i += 2;
                    continue;
                }
                String token = tokenAt(pattern, i);
                if (token == null) {
                    char c = pattern.charAt(i++);
                    if (t < text.length() && (text.charAt(t) == c || (!Character.isLetterOrDigit(c)
                            && !Character.isLetterOrDigit(text.charAt(t))))) {
                        t++;
                    }
                    continue;
                }
                i += token.length();
                while (t < text.length() && text.charAt(t) == ' ' && !token.startsWith(" ")) {
                    t++;
                }
                switch (token) {
                    case "MONTH", "Month", "month", "MON", "Mon", "mon" -> {
                        int end = t;
                        while (end < text.length() && Character.isLetter(text.charAt(end))) {
                            end++;
                        }
                        month = monthOf(text.substring(t, end), text);
                        t = end;
                    }
                    case "DAY", "Day", "day", "DY", "Dy", "dy" -> {
                        while (t < text.length() && Character.isLetter(text.charAt(t))) {
                            t++;
                        }
                    }
                    case "AM", "PM", "am", "pm" -> {
                        String ap = text.substring(t, Math.min(text.length(), t + 2)).toUpperCase(Locale.ROOT);
                        pm = ap.equals("PM");
                        t += 2;
                    }
                    default -> {
                        int width = switch (token) {
                            case "YYYY" -> 4;
                            case "DDD", "MS" -> 3;
                            case "US" -> 6;
                            case "D", "Q" -> 1;
                            default -> 2;
                        };
                        int end = t;
                        while (end < text.length() && end - t < width && Character.isDigit(text.charAt(end))) {
                            end++;
                        }
                        if (token.equals("YYYY")) {
                            while (end < text.length() && Character.isDigit(text.charAt(end))) {
                                end++;
                            }
                        }
                        if (end == t) {
                            throw new KyroException(SqlState.INVALID_DATETIME_FORMAT, "invalid value \""
                                    + Values.abbreviate(text.substring(t)) + "\" for \"" + token + "\"");
                        }
                        int n = Integer.parseInt(text.substring(t, end));
                        switch (token) {
                            case "YYYY" -> year = n;
                            case "YY" -> year = n < 70 ? 2000 + n : 1900 + n;
                            case "MM" -> month = n;
                            case "DD" -> day = n;
                            case "HH24" -> hour = n;
                            case "HH12", "HH" -> hour = n;
                            case "MI" -> minute = n;
                            case "SS" -> second = n;
                            case "MS" -> micros = n * 1000L;
                            case "US" -> micros = n;
                            default -> { }
                        }
                        t = end;
                    }
                }
            }
            if (pm != null) {
                hour = hour % 12 + (pm ? 12 : 0);
            }
            return LocalDate.of(year, month, day).atTime(LocalTime.of(hour, minute, second)).plusNanos(micros * 1000);
        } catch (DateTimeException e) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "date/time field value out of range: \""
                    + Values.abbreviate(text) + "\"");
        }
    }

    private static int monthOf(String name, String text) {
        String n = name.toLowerCase(Locale.ROOT);
        for (java.time.Month m : java.time.Month.values()) {
            String full = m.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (n.length() >= 3 && full.startsWith(n)) {
                return m.getValue();
            }
        }
        throw new KyroException(SqlState.INVALID_DATETIME_FORMAT, "invalid value \"" + Values.abbreviate(name)
                + "\" for \"Mon\" in \"" + Values.abbreviate(text) + "\"");
    }
}
