package io.kyrodb.tck.slt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Renders a JDBC value ({@code ResultSet.getObject}) as sqllogictest text, driven by the column's
 * type letter, as FORMAT.wiki says: integers as by {@code printf("%d")}, floating point as by
 * {@code printf("%.3f")}, NULL as {@code NULL}, the empty string as {@code (empty)}, and control
 * characters inside text as {@code @}.
 *
 * <p>Choices the spec leaves open:
 * <ul>
 * <li>{@code I}: a boolean is 1 or 0 (scripts written against SQLite, where comparisons yield
 *     integers, then hold for PostgreSQL semantics too). A number that is not a whole number is
 *     written as it is, not truncated, so a wrong type shows up as a wrong value.</li>
 * <li>{@code R}: rounding is exact on the binary value with ties to even, as C's printf does
 *     (Java's {@code %.3f} rounds half up on the shortest decimal, which differs on e.g. 0.0625);
 *     NaN and infinities print as printf prints them ({@code nan}, {@code inf}, {@code -inf}).</li>
 * <li>{@code T}: a boolean is {@code true}/{@code false}; a double or real is its shortest exact
 *     decimal in PostgreSQL's style ({@code 1.5}, {@code 3}, {@code 1e+20}, {@code 1e-05}).
 *     Non-ASCII printable characters are kept.</li>
 * </ul>
 */
public final class SltValues {

    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private SltValues() {
    }

    public static String render(Object value, char type) {
        if (value == null) {
            return "NULL";
        }
        String text = switch (type) {
            case 'I' -> integer(value);
            case 'R' -> real(value);
            case 'T' -> text(value);
            default -> throw new IllegalArgumentException("unknown column type '" + type + "'");
        };
        return printable(text);
    }

    private static String integer(Object value) {
        if (value instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (value instanceof Byte || value instanceof Short || value instanceof Integer
                || value instanceof Long || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof BigDecimal d) {
            return wholeOrPlain(d);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isFinite(d)) {
                return wholeOrPlain(new BigDecimal(d));
            }
            return cFloat(d);
        }
        if (value instanceof String s) {
            String t = s.strip();
            return t.matches("[-+]?\\d+") ? new BigInteger(t).toString() : s;
        }
        return text(value);
    }

    private static String wholeOrPlain(BigDecimal d) {
        BigDecimal stripped = d.stripTrailingZeros();
        if (stripped.scale() <= 0) {
            return stripped.toBigInteger().toString();
        }
        return stripped.toPlainString();
    }

    private static String real(Object value) {
        if (value instanceof BigDecimal d) {
            return threeDecimals(d, d.signum() < 0);
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                return cFloat(d);
            }
            boolean negative = d < 0 || (d == 0 && 1 / d < 0);
            return threeDecimals(new BigDecimal(d), negative);
        }
        if (value instanceof String s) {
            try {
                return real(new BigDecimal(s.strip()));
            } catch (NumberFormatException notANumber) {
                return s;
            }
        }
        return text(value);
    }

    /** printf("%.3f"): exact value, ties to even, and a minus sign kept on a negative that rounds to zero. */
    private static String threeDecimals(BigDecimal d, boolean negative) {
        String s = d.setScale(3, RoundingMode.HALF_EVEN).toPlainString();
        if (negative && !s.startsWith("-")) {
            s = "-" + s;
        }
        return s;
    }

    private static String cFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        return d > 0 ? "inf" : "-inf";
    }

    private static String text(Object value) {
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (value instanceof Double d) {
            return postgresFloat(d, Double.toString(d), 15);
        }
        if (value instanceof Float f) {
            return postgresFloat(f, Float.toString(f), 6);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof float[] vector) {
            // KyroDB's driver returns a vector column as float[]; print it as pgvector does
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < vector.length; i++) {
                b.append(i > 0 ? "," : "").append(postgresFloat(vector[i], Float.toString(vector[i]), 6));
            }
            return b.append(']').toString();
        }
        if (value instanceof byte[] bytes) {
            StringBuilder hex = new StringBuilder("\\x");
            for (byte b : bytes) {
                hex.append(String.format("%02x", b & 0xff));
            }
            return hex.toString();
        }
        return value.toString();
    }

    /** PostgreSQL's float output: shortest exact digits, exponent form below 1e-4 and from 1e15 (real: 1e6) up. */
    private static String postgresFloat(double d, String javaShortest, int plainDigits) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal exact = new BigDecimal(javaShortest).stripTrailingZeros();
        int exponent = exact.precision() - exact.scale() - 1;
        if (exponent >= -4 && exponent < plainDigits) {
            return exact.toPlainString();
        }
        String digits = exact.unscaledValue().abs().toString();
        StringBuilder out = new StringBuilder();
        if (exact.signum() < 0) {
            out.append('-');
        }
        out.append(digits.charAt(0));
        if (digits.length() > 1) {
            out.append('.').append(digits, 1, digits.length());
        }
        out.append(exponent < 0 ? "e-" : "e+");
        String e = Integer.toString(Math.abs(exponent));
        if (e.length() < 2) {
            out.append('0');
        }
        return out.append(e).toString();
    }

    /** (empty) for the empty string, @ for each control character. */
    static String printable(String s) {
        if (s.isEmpty()) {
            return "(empty)";
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c)) {
                if (out == null) {
                    out = new StringBuilder(s.substring(0, i));
                }
                out.append('@');
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
