package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Arrays;

/**
 * A value of {@code bit(n)} or {@code bit varying(n)}: a string of bits, the first bit the high bit
 * of the first byte, unused low bits of the last byte zero. Text form {@code 0101} (Postgres's
 * {@code bit_out}); Postgres's order ({@code bitcmp}: the bytes unsigned, then the shorter first).
 * Immutable; equality by content.
 */
public final class BitString implements Comparable<BitString> {
    /** The flag in {@link SqlType#length()} that marks {@code bit varying}. */
    static final int VARYING = 1 << 30;
    /** Postgres's limit on a bit string's length. */
    public static final int MAX_LENGTH = 83_886_080;

    private final int length;
    private final byte[] bytes;

    private BitString(int length, byte[] bytes) {
        this.length = length;
        this.bytes = bytes;
    }

    /** The bit string of {@code length} bits packed in {@code bytes} (taken; unused low bits must be zero). */
    public static BitString of(int length, byte[] bytes) {
        return new BitString(length, bytes);
    }

    /** Reads {@code 0101} (a {@code B'...'} literal's text); 22P02 naming the first character that is not 0 or 1. */
    public static BitString parse(String text) {
        int n = text.length();
        if (n > MAX_LENGTH) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "bit string length exceeds the maximum allowed ("
                    + MAX_LENGTH + ")");
        }
        byte[] out = new byte[(n + 7) / 8];
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '1') {
                out[i >> 3] |= (byte) (0x80 >>> (i & 7));
            } else if (c != '0') {
                throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                        "\"" + new String(Character.toChars(text.codePointAt(i))) + "\" is not a valid binary digit");
            }
        }
        return new BitString(n, out);
    }

    /** Reads text for a column or cast target {@code type}: bit(n) must have exactly n bits (22026), varbit(n) at most n (22001). */
    public static BitString parse(String text, SqlType type) {
        return fit(parse(text), type, false);
    }

    /**
     * Fits a bit string to {@code type}: an explicit cast pads with zeros or truncates (bit(n)) or
     * truncates (varbit(n)); otherwise a length that does not fit fails as Postgres's do.
     */
    public static BitString fit(BitString b, SqlType type, boolean explicit) {
        int limit = type.bitLength();
        if (limit == 0 || (type.varying() ? b.length <= limit : b.length == limit)) {
            return b;
        }
        if (!explicit) {
            if (type.varying()) {
                throw new KyroException(SqlState.STRING_DATA_RIGHT_TRUNCATION,
                        "bit string too long for type bit varying(" + limit + ")");
            }
            throw new KyroException(SqlState.STRING_DATA_LENGTH_MISMATCH,
                    "bit string length " + b.length + " does not match type bit(" + limit + ")");
        }
        byte[] out = Arrays.copyOf(b.bytes, (limit + 7) / 8);
        if (limit % 8 != 0) {
            out[out.length - 1] &= (byte) (0xFF << (8 - limit % 8));
        }
        return new BitString(limit, out);
    }

    public int length() {
        return length;
    }

    public boolean get(int i) {
        return (bytes[i >> 3] & (0x80 >>> (i & 7))) != 0;
    }

    /** The packed bytes (a copy). */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** {@code hamming_distance}: bits that differ; 22000 for strings of different lengths. */
    public static int hamming(BitString a, BitString b) {
        checkSameLength(a, b);
        int d = 0;
        for (int i = 0; i < a.bytes.length; i++) {
            d += Integer.bitCount((a.bytes[i] ^ b.bytes[i]) & 0xFF);
        }
        return d;
    }

    /** {@code jaccard_distance}: 1 - |a and b| / |a or b|, computed as pgvector does (0 when both are all zero is 1). */
    public static double jaccard(BitString a, BitString b) {
        checkSameLength(a, b);
        long both = 0;
        long countA = 0;
        long countB = 0;
        for (int i = 0; i < a.bytes.length; i++) {
            both += Integer.bitCount(a.bytes[i] & b.bytes[i] & 0xFF);
            countA += Integer.bitCount(a.bytes[i] & 0xFF);
            countB += Integer.bitCount(b.bytes[i] & 0xFF);
        }
        if (countA == 0 && countB == 0) {
            return 1;   // pgvector: "Always return 1 when both are zero"
        }
        return 1 - (both / (double) (countA + countB - both));
    }

    private static void checkSameLength(BitString a, BitString b) {
        if (a.length != b.length) {
            throw new KyroException(SqlState.DATA_EXCEPTION,
                    "different bit lengths " + a.length + " and " + b.length);
        }
    }

    public long heapSize() {
        return 16 + ((16 + bytes.length + 7) & ~7L);
    }

    @Override
    public int compareTo(BitString o) {
        int c = Arrays.compareUnsigned(bytes, 0, Math.min(bytes.length, o.bytes.length), o.bytes, 0,
                Math.min(bytes.length, o.bytes.length));
        return c != 0 ? Integer.signum(c) : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BitString b && b.length == length && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return 31 * length + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = get(i) ? '1' : '0';
        }
        return new String(out);
    }
}
