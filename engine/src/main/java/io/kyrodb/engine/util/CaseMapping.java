package io.kyrodb.engine.util;

import java.util.Locale;
import java.util.function.IntUnaryOperator;

/**
 * Upper- and lower-casing text as PostgreSQL does under a UTF-8 ctype: each code point mapped
 * alone (towupper, towlower), so the length never changes. upper() and lower(), ILIKE and the
 * full-text parser's lexemes all case text this one way.
 */
public final class CaseMapping {
    private CaseMapping() {
    }

    /** 'ß' and 'ﬁ' stay, where Java's String.toUpperCase makes "SS" and "FI". */
    public static String upper(String s) {
        return isAscii(s) ? s.toUpperCase(Locale.ROOT) : eachCodePoint(s, Character::toUpperCase);
    }

    /** 'Σ' is 'σ' at the end of a word too (Java's String.toLowerCase makes the final 'ς'), and 'İ' is 'i'. */
    public static String lower(String s) {
        return isAscii(s) ? s.toLowerCase(Locale.ROOT) : eachCodePoint(s, Character::toLowerCase);
    }

    private static String eachCodePoint(String s, IntUnaryOperator map) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(map.applyAsInt(cp)));
        return out.toString();
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
