package io.kyrodb.engine.vector;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Locale;

/**
 * pgvector's text form of a {@code vector}: {@code '[1,2,3]'}. Parsing follows pgvector's
 * {@code vector_in} (whitespace around brackets and elements, C {@code strtof} numbers, NaN and
 * infinities refused, overflow an error naming the element, underflow to zero, junk after the
 * closing bracket refused) with its messages and SQLSTATEs; printing follows {@code vector_out}:
 * each element the shortest decimal that reads back as the same float, in PostgreSQL's float4
 * layout (fixed point for decimal exponents -4..5, else {@code 1.5e+38}).
 */
public final class VectorText {
    /** pgvector's limit on a stored vector's dimensions. */
    public static final int MAX_DIMENSIONS = 16_000;

    private VectorText() {
    }

    /** Parses {@code text}; {@code expectedDimensions} is the column's {@code vector(n)}, or -1 for none. */
    public static float[] parse(String text, int expectedDimensions) {
        return parse(text, expectedDimensions, "vector");
    }

    /** Parses a {@code halfvec}'s text form (the same syntax; float16 range). */
    public static HalfVector parseHalf(String text, int expectedDimensions) {
        return HalfVector.of(parse(text, expectedDimensions, "halfvec"));
    }

    /** Parses the text form of {@code type} (vector or halfvec: the same syntax, the type in the messages). */
    static float[] parse(String text, int expectedDimensions, String type) {
        int n = text.length();
        int i = skipSpace(text, 0);
        if (i >= n || text.charAt(i) != '[') {
            throw invalid(text, type, "Vector contents must start with \"[\".");
        }
        i = skipSpace(text, i + 1);
        if (i < n && text.charAt(i) == ']') {
            throw new KyroException(SqlState.DATA_EXCEPTION, type + " must have at least 1 dimension");
        }
        float[] values = new float[8];
        int count = 0;
        while (true) {
            i = skipSpace(text, i);
            int start = i;
            i = numberEnd(text, i);
            if (i == start) {
                throw invalid(text, type, null);
            }
            String token = text.substring(start, i);
            float v = Float.parseFloat(normalizeSpecial(token));
            if (Float.isNaN(v)) {
                throw new KyroException(SqlState.DATA_EXCEPTION, "NaN not allowed in " + type);
            }
            if (Float.isInfinite(v)) {
                if (isInfinityLiteral(token)) {
                    throw new KyroException(SqlState.DATA_EXCEPTION, "infinite value not allowed in " + type);
                }
                throw new KyroException(SqlState.NUMERIC_VALUE_OUT_OF_RANGE,
                        "\"" + token + "\" is out of range for type " + type);
            }
            if (count == MAX_DIMENSIONS) {
                throw tooMany(type);
            }
            if (count == values.length) {
                values = java.util.Arrays.copyOf(values, count * 2);
            }
            values[count++] = v;
            i = skipSpace(text, i);
            if (i < n && text.charAt(i) == ',') {
                i++;
                continue;
            }
            if (i < n && text.charAt(i) == ']') {
                i++;
                break;
            }
            throw invalid(text, type, null);
        }
        if (skipSpace(text, i) != n) {
            throw invalid(text, type, "Junk after closing right brace.");
        }
        float[] out = java.util.Arrays.copyOf(values, count);
        checkDimensions(out.length, expectedDimensions);
        return out;
    }

    /** 22000 {@code expected n dimensions, not m} when a {@code vector(n)} gets another length. */
    public static void checkDimensions(int actual, int expected) {
        if (expected >= 0 && actual != expected) {
            throw new KyroException(SqlState.DATA_EXCEPTION, "expected " + expected + " dimensions, not " + actual);
        }
    }

    public static KyroException tooMany() {
        return tooMany("vector");
    }

    /** 54000 {@code halfvec cannot have more than 16000 dimensions}. */
    public static KyroException tooMany(String type) {
        return new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED,
                type + " cannot have more than " + MAX_DIMENSIONS + " dimensions");
    }

    /** The text form, e.g. {@code [1,2.5,1.5e+38]}. */
    public static String format(float[] v) {
        StringBuilder b = new StringBuilder(v.length * 8 + 2).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                b.append(',');
            }
            appendFloat4(b, v[i]);
        }
        return b.append(']').toString();
    }

    /** Appends a finite float as PostgreSQL's float4out does with its default (shortest) precision. */
    static void appendFloat4(StringBuilder b, float f) {
        if (f == 0) {
            b.append(1 / f < 0 ? "-0" : "0");
            return;
        }
        // Since JDK 19, Float.toString gives the shortest decimal that reads back as f.
        String s = Float.toString(Math.abs(f));
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        int exponent = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mantissa.indexOf('.');
        String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
        int pointAt = dot + exponent;   // the decimal point is after this many of the digits
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        pointAt -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        int exp10 = pointAt - 1;   // the decimal exponent of the first digit
        if (f < 0) {
            b.append('-');
        }
        if (exp10 >= -4 && exp10 < 6) {
            if (pointAt <= 0) {
                b.append("0.").append("0".repeat(-pointAt)).append(digits);
            } else if (pointAt >= digits.length()) {
                b.append(digits).append("0".repeat(pointAt - digits.length()));
            } else {
                b.append(digits, 0, pointAt).append('.').append(digits, pointAt, digits.length());
            }
            return;
        }
        b.append(digits.charAt(0));
        if (digits.length() > 1) {
            b.append('.').append(digits, 1, digits.length());
        }
        b.append('e').append(exp10 < 0 ? '-' : '+');
        int abs = Math.abs(exp10);
        if (abs < 10) {
            b.append('0');
        }
        b.append(abs);
    }

    static int skipSpace(String s, int i) {
        while (i < s.length() && isSpace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }

    /**
     * The end of the number C's {@code strtof} would read at {@code i} (decimal with optional
     * fraction and exponent, or inf/infinity/nan in any case), or {@code i} when there is none.
     */
    static int numberEnd(String s, int i) {
        int n = s.length();
        int j = i;
        if (j < n && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
            j++;
        }
        for (String word : new String[]{"infinity", "inf", "nan"}) {
            if (s.regionMatches(true, j, word, 0, word.length())) {
                return j + word.length();
            }
        }
        int digitsStart = j;
        while (j < n && Character.isDigit(s.charAt(j)) && s.charAt(j) < 128) {
            j++;
        }
        boolean digits = j > digitsStart;
        if (j < n && s.charAt(j) == '.') {
            int f = j + 1;
            while (f < n && s.charAt(f) >= '0' && s.charAt(f) <= '9') {
                f++;
            }
            digits |= f > j + 1;
            j = f;
        }
        if (!digits) {
            return i;
        }
        if (j < n && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < n && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            int expStart = k;
            while (k < n && s.charAt(k) >= '0' && s.charAt(k) <= '9') {
                k++;
            }
            if (k > expStart) {
                j = k;
            }
        }
        return j;
    }

    static boolean isInfinityLiteral(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        return t.endsWith("inf") || t.endsWith("infinity");
    }

    /** Float.parseFloat's spelling of C's special values; plain numbers pass unchanged. */
    static String normalizeSpecial(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        String sign = t.startsWith("-") ? "-" : "";
        String body = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        return switch (body) {
            case "inf", "infinity" -> sign + "Infinity";
            case "nan" -> "NaN";
            default -> token;
        };
    }

    private static KyroException invalid(String text, String type, String detail) {
        String message = "invalid input syntax for type " + type + ": \"" + text + "\"";
        return new KyroException(SqlState.INVALID_TEXT_REPRESENTATION, detail == null ? message : message + " (" + detail + ")");
    }
}
