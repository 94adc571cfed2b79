package io.kyrodb.engine.fts;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text into tokens the way Postgres's default text search parser ({@code pg_catalog.default})
 * does for the common cases: words (asciiword, word, numword), hyphenated words (the whole word,
 * then its parts), e-mail addresses, URLs (protocol, url, host, url_path), host names, file paths,
 * numbers (int, uint, float, sfloat, version), HTML/XML tags and entities, and the blanks between.
 * Not every corner of Postgres's state machine is reproduced: see the README's design notes.
 */
public final class TextParser {
    /** Token types, named as Postgres's ts_token_type('default') names them. */
    public enum Type {
        ASCIIWORD("asciiword"), WORD("word"), NUMWORD("numword"),
        ASCIIHWORD("asciihword"), HWORD("hword"), NUMHWORD("numhword"),
        HWORD_ASCIIPART("hword_asciipart"), HWORD_PART("hword_part"), HWORD_NUMPART("hword_numpart"),
        EMAIL("email"), PROTOCOL("protocol"), URL("url"), HOST("host"), URL_PATH("url_path"), FILE("file"),
        SFLOAT("sfloat"), FLOAT("float"), INT("int"), UINT("uint"), VERSION("version"),
        TAG("tag"), ENTITY("entity"), BLANK("blank");

        private final String alias;

        Type(String alias) {
            this.alias = alias;
        }

        public String alias() {
            return alias;
        }

        /** Whether a configuration maps this type to a dictionary (tokens that are not get no position). */
        public boolean indexed() {
            return this != PROTOCOL && this != TAG && this != ENTITY && this != BLANK;
        }

        /** Word types the language's stemmer handles; the others go to the simple dictionary. */
        public boolean stemmed() {
            return this == ASCIIWORD || this == WORD || this == ASCIIHWORD || this == HWORD
                    || this == HWORD_ASCIIPART || this == HWORD_PART;
        }
    }

    public record Token(Type type, String text) {
    }

    private final String s;
    private int i;
    private final List<Token> out = new ArrayList<>();

    private TextParser(String s) {
        this.s = s;
    }

    /** The tokens of {@code text} in order, blanks included. */
    public static List<Token> tokens(String text) {
        TextParser p = new TextParser(text);
        p.run();
        return p.out;
    }

    private static boolean letter(char c) {
        return Character.isLetter(c);
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean alnum(char c) {
        return letter(c) || digit(c);
    }

    private char at(int k) {
        return k < s.length() ? s.charAt(k) : '\0';
    }

    private void run() {
        int blankStart = -1;
        while (i < s.length()) {
            int before = i;
            Token t = next();
            if (t == null) {
                if (blankStart < 0) {
                    blankStart = before;
                }
                i = before + Character.charCount(s.codePointAt(before));
                continue;
            }
            if (blankStart >= 0) {
                out.add(out.size() - pending, new Token(Type.BLANK, s.substring(blankStart, before)));
                blankStart = -1;
            }
            pending = 0;
        }
        if (blankStart >= 0) {
            out.add(new Token(Type.BLANK, s.substring(blankStart)));
        }
    }

    /** Tokens {@link #next} added in its last call (blanks found before them go in front). */
    private int pending;

    private void add(Type type, int from, int to) {
        out.add(new Token(type, s.substring(from, to)));
        pending++;
    }

    /** Reads the token at {@link #i} and adds it (and its parts), or returns null for a blank character. */
    private Token next() {
        char c = s.charAt(i);
        if (c == '<') {
            int end = tagEnd(i);
            if (end > 0) {
                add(Type.TAG, i, end);
                i = end;
                return out.getLast();
            }
            return null;
        }
        if (c == '&') {
            int end = entityEnd(i);
            if (end > 0) {
                add(Type.ENTITY, i, end);
                i = end;
                return out.getLast();
            }
            return null;
        }
        if (letter(c)) {
            int p = protocolEnd(i);
            if (p > 0) {
                int hostEnd = hostEnd(p);
                if (hostEnd > 0) {
                    add(Type.PROTOCOL, i, p);
                    i = p;
                    urlOrHost(p, hostEnd);
                    return out.getLast();
                }
            }
        }
        if (alnum(c) || c == '_' || c == '.') {
            int email = emailEnd(i);
            if (email > 0) {
                add(Type.EMAIL, i, email);
                i = email;
                return out.getLast();
            }
        }
        if (alnum(c)) {
            int hostEnd = hostEnd(i);
            if (hostEnd > 0) {
                urlOrHost(i, hostEnd);
                return out.getLast();
            }
        }
        if (c == '/' && alnum(at(i + 1))) {
            int end = pathEnd(i);
            add(Type.FILE, i, end);
            i = end;
            return out.getLast();
        }
        if (digit(c) || (c == '-' || c == '+') && digit(at(i + 1)) && (i == 0 || !alnum(s.charAt(i - 1)))) {
            Token n = number();
            if (n != null) {
                return n;
            }
        }
        if (alnum(c)) {
            return word();
        }
        return null;
    }

    /** Adds a host, or a URL (host plus path) followed by its host and url_path parts. */
    private void urlOrHost(int from, int hostEnd) {
        if (at(hostEnd) == '/' && hostEnd + 1 <= s.length()) {
            int end = pathEnd(hostEnd);
            add(Type.URL, from, end);
            add(Type.HOST, from, hostEnd);
            add(Type.URL_PATH, hostEnd, end);
            i = end;
        } else {
            add(Type.HOST, from, hostEnd);
            i = hostEnd;
        }
    }

    private int pathEnd(int from) {
        int k = from;
        while (k < s.length()) {
            char c = s.charAt(k);
            if (alnum(c) || "/._-~%+=?&#:;,@!$*'()".indexOf(c) >= 0 && c != '\'' && c != '(' && c != ')') {
                k++;
            } else {
                break;
            }
        }
        while (k > from + 1 && ".,;:!?".indexOf(s.charAt(k - 1)) >= 0) {
            k--;
        }
        return k;
    }

    private int tagEnd(int from) {
        int k = from + 1;
        if (at(k) == '/' || at(k) == '!' || at(k) == '?') {
            k++;
        }
        if (!letter(at(k))) {
            return -1;
        }
        int close = s.indexOf('>', k);
        int open = s.indexOf('<', k);
        return close < 0 || open >= 0 && open < close ? -1 : close + 1;
    }

    private int entityEnd(int from) {
        int k = from + 1;
        if (at(k) == '#') {
            k++;
            int d = k;
            while (digit(at(k))) {
                k++;
            }
            return k > d && at(k) == ';' ? k + 1 : -1;
        }
        int d = k;
        while (letter(at(k)) && at(k) < 128) {
            k++;
        }
        return k > d && at(k) == ';' ? k + 1 : -1;
    }

    private int protocolEnd(int from) {
        int k = from;
        while (k < s.length() && (s.charAt(k) < 128 && letter(s.charAt(k)))) {
            k++;
        }
        return k > from && s.startsWith("://", k) ? k + 3 : -1;
    }

    /** The end of a host name at {@code from} (labels of letters, digits and hyphens, two or more, the last with a letter), or -1. */
    private int hostEnd(int from) {
        int k = from;
        int labels = 0;
        int lastLabelStart = from;
        while (true) {
            int start = k;
            while (k < s.length() && (alnum(s.charAt(k)) && s.charAt(k) < 128 || s.charAt(k) == '-' && k > start)) {
                k++;
            }
            if (k == start || s.charAt(k - 1) == '-') {
                return -1;
            }
            labels++;
            lastLabelStart = start;
            if (at(k) == '.' && k + 1 < s.length() && alnum(s.charAt(k + 1)) && s.charAt(k + 1) < 128) {
                k++;
                continue;
            }
            break;
        }
        if (labels < 2) {
            return -1;
        }
        boolean letterInLast = false;
        for (int j = lastLabelStart; j < k; j++) {
            letterInLast |= letter(s.charAt(j));
        }
        if (!letterInLast || digit(s.charAt(from))) {
            return -1;
        }
        if (at(k) == ':' && digit(at(k + 1))) {   // a port
            k++;
            while (digit(at(k))) {
                k++;
            }
        }
        return k;
    }

    private int emailEnd(int from) {
        int k = from;
        while (k < s.length() && (alnum(s.charAt(k)) && s.charAt(k) < 128 || "._-+".indexOf(s.charAt(k)) >= 0)) {
            k++;
        }
        if (k == from || at(k) != '@') {
            return -1;
        }
        if (!alnum(s.charAt(from))) {
            return -1;
        }
        int host = hostEnd(k + 1);
        return host > 0 && at(host) != ':' ? host : -1;
    }

    private Token number() {
        int start = i;
        int k = i;
        boolean signed = s.charAt(k) == '-' || s.charAt(k) == '+';
        if (signed) {
            k++;
        }
        int d = k;
        while (digit(at(k))) {
            k++;
        }
        if (letter(at(k))) {
            return null;   // a word with digits (numword)
        }
        int dots = 0;
        int m = k;
        while (at(m) == '.' && digit(at(m + 1))) {
            m++;
            while (digit(at(m))) {
                m++;
            }
            dots++;
        }
        if (dots == 0 && (at(k) == 'e' || at(k) == 'E')) {
            return null;
        }
        if (letter(at(m))) {
            return null;
        }
        Type type;
        if (dots == 0) {
            type = signed && s.charAt(start) == '-' ? Type.INT : signed ? Type.INT : Type.UINT;
            m = k;
        } else if (dots == 1) {
            type = Type.FLOAT;
            if ((at(m) == 'e' || at(m) == 'E') && (digit(at(m + 1)) || (at(m + 1) == '-' || at(m + 1) == '+') && digit(at(m + 2)))) {
                m += 2;
                while (digit(at(m))) {
                    m++;
                }
                type = Type.SFLOAT;
            }
        } else {
            type = signed ? Type.FLOAT : Type.VERSION;
        }
        if (k == d) {
            return null;
        }
        add(type, start, m);
        i = m;
        return out.getLast();
    }

    /** A word, or a hyphenated word followed by its parts. */
    private Token word() {
        int start = i;
        List<int[]> parts = new ArrayList<>();
        int k = i;
        while (true) {
            int ps = k;
            while (k < s.length() && alnum(s.charAt(k))) {
                k++;
            }
            parts.add(new int[]{ps, k});
            if (at(k) == '-' && alnum(at(k + 1))) {
                k++;
                continue;
            }
            break;
        }
        if (parts.size() == 1) {
            add(wordType(start, k), start, k);
        } else {
            boolean ascii = true;
            boolean digits = false;
            for (int j = start; j < k; j++) {
                ascii &= s.charAt(j) < 128;
                digits |= digit(s.charAt(j));
            }
            add(digits ? Type.NUMHWORD : ascii ? Type.ASCIIHWORD : Type.HWORD, start, k);
            for (int j = 0; j < parts.size(); j++) {
                int[] p = parts.get(j);
                Type t = wordType(p[0], p[1]);
                if (j > 0) {
                    out.add(new Token(Type.BLANK, "-"));
                    pending++;
                }
                add(t == Type.NUMWORD ? Type.HWORD_NUMPART : t == Type.ASCIIWORD ? Type.HWORD_ASCIIPART : Type.HWORD_PART, p[0], p[1]);
            }
        }
        i = k;
        return out.getLast();
    }

    private Type wordType(int from, int to) {
        boolean ascii = true;
        boolean digits = false;
        for (int j = from; j < to; j++) {
            char c = s.charAt(j);
            ascii &= c < 128;
            digits |= digit(c);
        }
        return digits ? (to - from > 0 && allDigits(from, to) ? Type.UINT : Type.NUMWORD) : ascii ? Type.ASCIIWORD : Type.WORD;
    }

    private boolean allDigits(int from, int to) {
        for (int j = from; j < to; j++) {
            if (!digit(s.charAt(j))) {
                return false;
            }
        }
        return true;
    }
}
