package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.sql.ast.TypeName;
import io.kyrodb.sql.parser.SourceSnippet;

/**
 * An {@code interval}'s type modifier: its fields ({@code interval day to second}, the 13 forms of
 * the SQL standard that PostgreSQL takes) and its fractional-second precision ({@code interval(3)},
 * {@code interval second(2)}). It is PostgreSQL's typmod, {@code range << 16 | precision}, with a
 * range bit per field (month 1, year 2, day 3, hour 10, minute 11, second 12), so atttypmod and
 * format_type show what PostgreSQL shows; {@link SqlType#length()} keeps it (0: no typmod), which
 * is how a column's interval typmod is persisted (the column type's u32 length, as varchar(n)).
 *
 * <p>A value takes the typmod by dropping the fields right of the last one named ({@code interval
 * day} drops the time, {@code hour to minute} the seconds, {@code year} the months past whole
 * years), then rounding microseconds to the precision, half away from zero; the leading field is
 * not limited, as in PostgreSQL.
 */
public final class IntervalTypmod {
    private static final int MONTH = 1 << 1;
    private static final int YEAR = 1 << 2;
    private static final int DAY = 1 << 3;
    private static final int HOUR = 1 << 10;
    private static final int MINUTE = 1 << 11;
    private static final int SECOND = 1 << 12;
    private static final int FULL_RANGE = 0x7FFF;
    private static final int FULL_PRECISION = 0xFFFF;
    /** PostgreSQL's MAX_INTERVAL_PRECISION: a larger one is reduced to it. */
    public static final int MAX_PRECISION = 6;

    private static final long HOUR_MICROS = 3_600_000_000L;
    private static final long MINUTE_MICROS = 60_000_000L;

    private IntervalTypmod() {
    }

    /** The 13 qualifiers, lower-cased as they are written and printed, and their ranges. */
    private static final String[] NAMES = {"year", "month", "day", "hour", "minute", "second", "year to month",
        "day to hour", "day to minute", "day to second", "hour to minute", "hour to second", "minute to second"};
    private static final int[] RANGES = {YEAR, MONTH, DAY, HOUR, MINUTE, SECOND, YEAR | MONTH, DAY | HOUR,
        DAY | HOUR | MINUTE, DAY | HOUR | MINUTE | SECOND, HOUR | MINUTE, HOUR | MINUTE | SECOND, MINUTE | SECOND};

    /**
     * The interval type written {@code type}: {@code interval}, {@code interval(p)}, {@code interval
     * <fields>}, with a precision only after {@code second}. A wrong qualifier is a syntax error
     * (42601), as PostgreSQL's grammar makes it.
     */
    static SqlType resolve(TypeName type, String sql) {
        String qualifier = type.name().equals("interval") ? "" : type.name().substring("interval ".length());
        int range = FULL_RANGE;
        if (!qualifier.isEmpty()) {
            int i = java.util.Arrays.asList(NAMES).indexOf(qualifier);
            if (i < 0) {
                throw new KyroException(SqlState.SYNTAX_ERROR, SourceSnippet.annotate(
                        "syntax error: \"" + qualifier + "\" is not an interval qualifier (year, month, day, hour, minute,"
                                + " second or a range such as day to second)", sql, type.pos()));
            }
            range = RANGES[i];
        }
        if (type.arguments().isEmpty()) {
            return range == FULL_RANGE ? SqlType.INTERVAL : new SqlType(TypeKind.INTERVAL, range << 16 | FULL_PRECISION);
        }
        if (type.arguments().size() > 1 || (range != FULL_RANGE && (range & SECOND) == 0)) {
            throw new KyroException(SqlState.SYNTAX_ERROR, SourceSnippet.annotate(
                    "syntax error: only " + (range == FULL_RANGE ? "one precision" : "SECOND") + " takes a precision in "
                            + type, sql, type.pos()));
        }
        int p = type.arguments().get(0);
        if (p < 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, SourceSnippet.annotate(
                    "INTERVAL(" + p + ") precision must not be negative", sql, type.pos()));
        }
        return new SqlType(TypeKind.INTERVAL, range << 16 | Math.min(p, MAX_PRECISION));
    }

    private static int range(int typmod) {
        return typmod == 0 ? FULL_RANGE : typmod >>> 16 & FULL_RANGE;
    }

    /** The fractional-second digits of {@code interval}'s typmod: its precision, else 6. */
    public static int precision(int typmod) {
        int p = typmod == 0 ? FULL_PRECISION : typmod & FULL_PRECISION;
        return p == FULL_PRECISION ? MAX_PRECISION : p;
    }

    private static boolean hasPrecision(int typmod) {
        return typmod != 0 && (typmod & FULL_PRECISION) != FULL_PRECISION;
    }

    /** The fields, as written ({@code day to second}), or null for all fields. */
    private static String fields(int typmod) {
        int range = range(typmod);
        for (int i = 0; i < RANGES.length; i++) {
            if (RANGES[i] == range) {
                return NAMES[i];
            }
        }
        return null;
    }

    /** The name format_type prints: {@code interval day to second(3)}, {@code interval(2)}, {@code interval}. */
    public static String displayName(int typmod) {
        String fields = fields(typmod);
        String p = hasPrecision(typmod) ? "(" + precision(typmod) + ")" : "";
        return fields == null ? "interval" + p : "interval " + fields + p;
    }

    /** information_schema.columns.interval_type: {@code DAY TO SECOND(3)}; null without fields. */
    public static String informationSchemaType(int typmod) {
        String fields = fields(typmod);
        if (fields == null) {
            return null;
        }
        return fields.toUpperCase(java.util.Locale.ROOT) + (hasPrecision(typmod) ? "(" + precision(typmod) + ")" : "");
    }

    /**
     * The unit a number without one stands for in text read as this type: the last field of the
     * range ({@code '1'::interval day} is a day, {@code '1'::interval} a second).
     */
    static String bareNumberUnit(int typmod) {
        int range = range(typmod);
        if ((range & SECOND) != 0 || range == FULL_RANGE) {
            return "second";
        }
        if ((range & MINUTE) != 0) {
            return "minute";
        }
        if ((range & HOUR) != 0) {
            return "hour";
        }
        if ((range & DAY) != 0) {
            return "day";
        }
        return (range & MONTH) != 0 ? "month" : "year";
    }

    /** Whether {@code a:b} in the text is minutes and seconds ({@code minute to second}) rather than hours and minutes. */
    static boolean clockIsMinutes(int typmod) {
        return range(typmod) == (MINUTE | SECOND);
    }

    /** {@code v} as a value of the interval type with {@code typmod} (0: unchanged). */
    public static Interval fit(Interval v, int typmod) {
        if (typmod == 0) {
            return v;
        }
        int months = v.months();
        int days = v.days();
        long micros = v.micros();
        int range = range(typmod);
        if (range == YEAR) {
            months = months / 12 * 12;
        }
        if ((range & (DAY | HOUR | MINUTE | SECOND)) == 0) {
            days = 0;
        }
        if ((range & (HOUR | MINUTE | SECOND)) == 0) {
            micros = 0;
        } else if ((range & (MINUTE | SECOND)) == 0) {
            micros = micros / HOUR_MICROS * HOUR_MICROS;
        } else if ((range & SECOND) == 0) {
            micros = micros / MINUTE_MICROS * MINUTE_MICROS;
        }
        if (hasPrecision(typmod)) {
            micros = round(micros, precision(typmod));
        }
        return months == v.months() && days == v.days() && micros == v.micros() ? v : new Interval(months, days, micros);
    }

    /** Microseconds rounded to {@code digits} fractional-second digits, half away from zero. */
    private static long round(long micros, int digits) {
        long scale = 1;
        for (int i = digits; i < MAX_PRECISION; i++) {
            scale *= 10;
        }
        if (scale == 1) {
            return micros;
        }
        long magnitude = Math.abs(micros);
        if (magnitude > Long.MAX_VALUE - scale / 2) {
            throw new KyroException(SqlState.DATETIME_FIELD_OVERFLOW, "interval out of range");
        }
        long rounded = (magnitude + scale / 2) / scale * scale;
        return micros < 0 ? -rounded : rounded;
    }
}
