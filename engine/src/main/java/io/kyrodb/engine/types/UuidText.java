package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * The {@code uuid} type's text form and order, as Postgres's: input takes 32 hex digits in either
 * case, optionally in braces, with a hyphen allowed after any group of four digits; output is the
 * lower-case {@code 8-4-4-4-12} form; values compare as 16 unsigned bytes (Java's
 * {@code UUID.compareTo} compares signed halves, which is not Postgres's order).
 */
public final class UuidText {
    private static final SecureRandom RANDOM = new SecureRandom();

    private UuidText() {
    }

    public static UUID parse(String text) {
        String t = text.strip();
        int from = 0;
        int to = t.length();
        if (t.startsWith("{")) {
            if (!t.endsWith("}")) {
                throw invalid(text);
            }
            from = 1;
            to--;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c == '-' && digits > 0 && digits % 4 == 0 && digits < 32 && i + 1 < to && t.charAt(i + 1) != '-') {
                continue;
            }
            int d = Character.digit(c, 16);
            if (d < 0 || c > 'f' || digits == 32) {
                throw invalid(text);
            }
            if (digits < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
            digits++;
        }
        if (digits != 32) {
            throw invalid(text);
        }
        return new UUID(hi, lo);
    }

    private static KyroException invalid(String text) {
        return new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                "invalid input syntax for type uuid: \"" + Values.abbreviate(text) + "\"");
    }

    /** Byte order: the two halves as unsigned numbers. */
    public static int compare(UUID a, UUID b) {
        int c = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** A version 4 (random) UUID, as {@code gen_random_uuid()}. */
    public static UUID random() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0F) | 0x40);
        b[8] = (byte) ((b[8] & 0x3F) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xFF);
            lo = (lo << 8) | (b[i + 8] & 0xFF);
        }
        return new UUID(hi, lo);
    }
}
