package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A value of a range type ({@code int4range}, {@code int8range}, {@code numrange}, {@code daterange},
 * {@code tsrange}, {@code tstzrange}), as PostgreSQL 15 has them: two bounds of the subtype, each
 * inclusive or exclusive or infinite (a null value; an infinite bound is never inclusive), or
 * {@code empty}. Values are always normalized the way {@code range_serialize} leaves them: lower
 * at most upper (else 22000), equal bounds not both inclusive make the range empty, and the
 * discrete types (integers, dates) are canonical {@code [lower,upper)}, so equal ranges are equal
 * objects and {@link #compareTo} is PostgreSQL's btree order ({@code range_cmp}): empty first, then
 * by lower bound, then by upper bound.
 */
public final class Range implements Comparable<Range> {
    private final TypeKind kind;
    private final Object lower;
    private final Object upper;
    private final boolean lowerInc;
    private final boolean upperInc;
    private final boolean empty;

    private Range(TypeKind kind, Object lower, Object upper, boolean lowerInc, boolean upperInc, boolean empty) {
        this.kind = kind;
        this.lower = lower;
        this.upper = upper;
        this.lowerInc = lowerInc;
        this.upperInc = upperInc;
        this.empty = empty;
    }

    /** The empty range of range type {@code kind}. */
    public static Range empty(TypeKind kind) {
        return new Range(kind, null, null, false, false, true);
    }

    /**
     * The range of {@code kind} between {@code lower} and {@code upper} (null: infinite), both of
     * the subtype's Java class; 22000 when lower is above upper. Discrete ranges come out canonical.
     */
    public static Range of(TypeKind kind, Object lower, Object upper, boolean lowerInc, boolean upperInc) {
        lowerInc &= lower != null;
        upperInc &= upper != null;
        if (lower != null && upper != null) {
            int c = Values.compare(lower, upper);
            if (c > 0) {
                throw new KyroException(SqlState.DATA_EXCEPTION,
                        "range lower bound must be less than or equal to range upper bound");
            }
            if (c == 0 && !(lowerInc && upperInc)) {
                return empty(kind);
            }
        }
        if (isDiscrete(kind)) {
            if (lower != null && !lowerInc) {
                lower = next(kind, lower);
                lowerInc = true;
            }
            if (upper != null && upperInc) {
                upper = next(kind, upper);
                upperInc = false;
            }
            if (lower != null && upper != null && Values.compare(lower, upper) >= 0) {
                return empty(kind);
            }
        }
        return new Range(kind, lower, upper, lowerInc, upperInc, false);
    }

    /** The type of a range type's bounds. */
    public static SqlType subtype(TypeKind kind) {
        return switch (kind) {
            case INT4RANGE -> SqlType.INTEGER;
            case INT8RANGE -> SqlType.BIGINT;
            case NUMRANGE -> SqlType.NUMERIC;
            case DATERANGE -> SqlType.DATE;
            case TSRANGE -> SqlType.TIMESTAMP;
            case TSTZRANGE -> SqlType.TIMESTAMPTZ;
            default -> throw new IllegalArgumentException("not a range type: " + kind);
        };
    }

    /** The range type whose subtype is {@code subtype}'s kind, or null (range constructors, range_merge). */
    public static TypeKind rangeOf(TypeKind subtype) {
        return switch (subtype) {
            case INTEGER, SMALLINT -> TypeKind.INT4RANGE;
            case BIGINT -> TypeKind.INT8RANGE;
            case NUMERIC -> TypeKind.NUMRANGE;
            case DATE -> TypeKind.DATERANGE;
            case TIMESTAMP -> TypeKind.TSRANGE;
            case TIMESTAMPTZ -> TypeKind.TSTZRANGE;
            default -> null;
        };
    }

    private static boolean isDiscrete(TypeKind kind) {
        return kind == TypeKind.INT4RANGE || kind == TypeKind.INT8RANGE || kind == TypeKind.DATERANGE;
    }

    /** The discrete successor (22003 past the subtype's limit; infinite dates stay as they are). */
    private static Object next(TypeKind kind, Object v) {
        return switch (v) {
            case Integer i -> {
                if (i == Integer.MAX_VALUE) {
                    throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "integer out of range");
                }
                yield i + 1;
            }
            case Long l -> {
                if (l == Long.MAX_VALUE) {
                    throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE, "bigint out of range");
                }
                yield l + 1;
            }
            case LocalDate d -> d.equals(LocalDate.MAX) || d.equals(LocalDate.MIN) ? d : d.plusDays(1);
            default -> throw new IllegalArgumentException("no successor in " + kind + ": " + v);
        };
    }

    public TypeKind kind() { return kind; }
    public boolean isEmpty() { return empty; }
    /** The lower bound's value, null when infinite or empty. */
    public Object lower() { return lower; }
    public Object upper() { return upper; }
    public boolean lowerInc() { return lowerInc; }
    public boolean upperInc() { return upperInc; }
    public boolean lowerInf() { return !empty && lower == null; }
    public boolean upperInf() { return !empty && upper == null; }

    // ---- Bounds ---------------------------------------------------------------------------------

    /** One bound, as {@code range_cmp_bounds} compares them: a value (null: infinite), inclusive or not, lower or upper. */
    public record Bound(Object value, boolean inclusive, boolean isLower) {
        public boolean infinite() {
            return value == null;
        }
    }

    public Bound lowerBound() { return new Bound(lower, lowerInc, true); }
    public Bound upperBound() { return new Bound(upper, upperInc, false); }

    /** PostgreSQL's {@code range_cmp_bounds}: where the two bounds lie on the subtype's line. */
    public static int compareBounds(Bound a, Bound b) {
        if (a.infinite() && b.infinite()) {
            return a.isLower() == b.isLower() ? 0 : a.isLower() ? -1 : 1;
        }
        if (a.infinite()) {
            return a.isLower() ? -1 : 1;
        }
        if (b.infinite()) {
            return b.isLower() ? 1 : -1;
        }
        int c = Values.compare(a.value(), b.value());
        if (c != 0) {
            return c;
        }
        if (!a.inclusive() && !b.inclusive()) {
            return a.isLower() == b.isLower() ? 0 : a.isLower() ? 1 : -1;
        }
        if (!a.inclusive()) {
            return a.isLower() ? 1 : -1;
        }
        if (!b.inclusive()) {
            return b.isLower() ? -1 : 1;
        }
        return 0;
    }

    /** The range between two bounds (a lower and an upper one), canonical; 22000 when they are out of order. */
    public static Range between(TypeKind kind, Bound lower, Bound upper) {
        return of(kind, lower.value(), upper.value(), lower.inclusive(), upper.inclusive());
    }

    // ---- Order ----------------------------------------------------------------------------------

    @Override
    public int compareTo(Range o) {
        if (empty || o.empty) {
            return empty && o.empty ? 0 : empty ? -1 : 1;
        }
        int c = compareBounds(lowerBound(), o.lowerBound());
        return c != 0 ? c : compareBounds(upperBound(), o.upperBound());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Range r && r.kind == kind && compareTo(r) == 0;
    }

    @Override
    public int hashCode() {
        if (empty) {
            return kind.hashCode();
        }
        return Objects.hash(kind, boundHash(lower), boundHash(upper), lowerInc, upperInc);
    }

    /** Equal bounds hash alike: numeric 1.50 and 1.5 are one value. */
    private static int boundHash(Object v) {
        return v instanceof BigDecimal d ? (d.signum() == 0 ? 0 : d.stripTrailingZeros().hashCode()) : Objects.hashCode(v);
    }

    // ---- Text -----------------------------------------------------------------------------------

    /** PostgreSQL's output: {@code empty}, {@code [1,5)}, {@code (,5]}, {@code ["2020-01-01 10:00:00",)}. */
    @Override
    public String toString() {
        if (empty) {
            return "empty";
        }
        StringBuilder out = new StringBuilder();
        out.append(lowerInc ? '[' : '(');
        if (lower != null) {
            appendBound(out, Values.toText(lower));
        }
        out.append(',');
        if (upper != null) {
            appendBound(out, Values.toText(upper));
        }
        return out.append(upperInc ? ']' : ')').toString();
    }

    /** A bound's text, double-quoted when it is empty or holds a quote, backslash, bracket, parenthesis, comma or blank. */
    private static void appendBound(StringBuilder out, String text) {
        boolean quote = text.isEmpty();
        for (int i = 0; i < text.length() && !quote; i++) {
            char c = text.charAt(i);
            quote = c == '"' || c == '\\' || c == '(' || c == ')' || c == '[' || c == ']' || c == ',' || Character.isWhitespace(c);
        }
        if (!quote) {
            out.append(text);
            return;
        }
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append(c);
            }
            out.append(c);
        }
        out.append('"');
    }

    /**
     * Parses a range literal of {@code kind} ({@code range_in}): {@code empty}, or a bracket or
     * parenthesis, an optional lower bound, a comma, an optional upper bound and a closing bracket or
     * parenthesis; bounds may be double-quoted and backslash-escaped. 22P02 when malformed; the
     * bounds' own errors (22P02, 22008, 22003) and 22000 for lower above upper as the subtype's.
     */
    public static Range parse(String text, TypeKind kind) {
        int n = text.length();
        int i = skipBlanks(text, 0);
        if (text.regionMatches(true, i, "empty", 0, 5)) {
            if (skipBlanks(text, i + 5) != n) {
                throw malformed(text, "Junk after \"empty\" key word.");
            }
            return empty(kind);
        }
        boolean lowerInc;
        if (i < n && text.charAt(i) == '[') {
            lowerInc = true;
        } else if (i < n && text.charAt(i) == '(') {
            lowerInc = false;
        } else {
            throw malformed(text, "Missing left parenthesis or bracket.");
        }
        int[] at = {i + 1};
        String lowerText = bound(text, at);
        if (at[0] >= n || text.charAt(at[0]) != ',') {
            throw malformed(text, "Missing comma after lower bound.");
        }
        at[0]++;
        String upperText = bound(text, at);
        boolean upperInc;
        if (at[0] < n && text.charAt(at[0]) == ']') {
            upperInc = true;
        } else if (at[0] < n && text.charAt(at[0]) == ')') {
            upperInc = false;
        } else {
            throw malformed(text, "Too many commas.");
        }
        if (skipBlanks(text, at[0] + 1) != n) {
            throw malformed(text, "Junk after right parenthesis or bracket.");
        }
        SqlType sub = subtype(kind);
        Object lower = lowerText == null ? null : Values.parse(lowerText, sub);
        Object upper = upperText == null ? null : Values.parse(upperText, sub);
        return of(kind, lower, upper, lowerInc, upperInc);
    }

    /** One bound's text from {@code at[0]} up to the next unquoted , ) or ] (null when there is none: infinite). */
    private static String bound(String text, int[] at) {
        int i = at[0];
        int n = text.length();
        if (i < n && (text.charAt(i) == ',' || text.charAt(i) == ')' || text.charAt(i) == ']')) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        boolean inQuote = false;
        while (inQuote || i >= n || !(text.charAt(i) == ',' || text.charAt(i) == ')' || text.charAt(i) == ']')) {
            if (i >= n) {
                throw malformed(text, "Unexpected end of input.");
            }
            char c = text.charAt(i++);
            if (c == '\\') {
                if (i >= n) {
                    throw malformed(text, "Unexpected end of input.");
                }
                out.append(text.charAt(i++));
            } else if (c == '"') {
                if (!inQuote) {
                    inQuote = true;
                } else if (i < n && text.charAt(i) == '"') {
                    out.append('"');
                    i++;
                } else {
                    inQuote = false;
                }
            } else {
                out.append(c);
            }
        }
        at[0] = i;
        return out.toString();
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static KyroException malformed(String text, String detail) {
        return new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                "malformed range literal: \"" + Values.abbreviate(text) + "\" (" + detail + ")");
    }

    /** The subtype's value converted to this range's subtype (integers widen, numeric from any number). */
    public static Object bound(TypeKind kind, Object v) {
        return v == null ? null : Casts.convert(v, subtype(kind), false);
    }

}
