package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code bytea} value: an immutable byte string, compared unsigned byte by byte and then shorter
 * first (Postgres's {@code byteacmp}). Text form as Postgres's {@code bytea_output = hex}:
 * {@code \x0102ff}; input also takes the escape form ({@code a\000b}, {@code \\}).
 */
public final class Bytes implements Comparable<Bytes> {
    private final byte[] data;

    private Bytes(byte[] data) {
        this.data = data;
    }

    /** Wraps a copy of {@code data}. */
    public static Bytes copyOf(byte[] data) {
        return new Bytes(data.clone());
    }

    /** Wraps {@code data}, which the caller must not change afterwards. */
    public static Bytes wrap(byte[] data) {
        return new Bytes(data);
    }

    public int length() {
        return data.length;
    }

    public byte get(int i) {
        return data[i];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return data.clone();
    }

    /** The bytes themselves, for codecs that only read them. */
    public byte[] array() {
        return data;
    }

    public Bytes concat(Bytes other) {
        byte[] out = Arrays.copyOf(data, data.length + other.data.length);
        System.arraycopy(other.data, 0, out, data.length, other.data.length);
        return new Bytes(out);
    }

    @Override
    public int compareTo(Bytes o) {
        return Arrays.compareUnsigned(data, o.data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }

    /** {@code \x} and two lower-case hex digits a byte. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(2 + 2 * data.length).append("\\x");
        for (byte b : data) {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    /** Parses bytea input: hex form ({@code \x...}, whitespace between bytes allowed) or escape form; 22P02 if bad. */
    public static Bytes parse(String text) {
        if (text.startsWith("\\x") || text.startsWith("\\X")) {
            return new Bytes(parseHex(text, 2, "\\x"));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b != '\\') {
                out.write(b);
            } else if (i + 1 < utf8.length && utf8[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (i + 3 < utf8.length && isOctal(utf8[i + 1], '3') && isOctal(utf8[i + 2], '7')
                    && isOctal(utf8[i + 3], '7')) {
                out.write(((utf8[i + 1] - '0') << 6) | ((utf8[i + 2] - '0') << 3) | (utf8[i + 3] - '0'));
                i += 3;
            } else {
                throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                        "invalid input syntax for type bytea: \"" + Values.abbreviate(text) + "\"");
            }
        }
        return new Bytes(out.toByteArray());
    }

    private static boolean isOctal(byte b, char max) {
        return b >= '0' && b <= max;
    }

    /** Hex digits from {@code from} on, two a byte, whitespace between bytes skipped (Postgres's hex_decode). */
    static byte[] parseHex(String text, int from, String what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((text.length() - from) / 2);
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                i++;
                continue;
            }
            int hi = hexDigit(c);
            if (i + 1 >= text.length()) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid hexadecimal data: odd number of digits");
            }
            int lo = hexDigit(text.charAt(i + 1));
            out.write((hi << 4) | lo);
            i += 2;
        }
        return out.toByteArray();
    }

    private static int hexDigit(char c) {
        int d = Character.digit(c, 16);
        if (d < 0 || c > 'f') {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                    "invalid hexadecimal digit: \"" + c + "\"");
        }
        return d;
    }
}
