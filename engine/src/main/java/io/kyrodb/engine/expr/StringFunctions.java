package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * PostgreSQL's text functions. Positions and lengths count code points, not UTF-16 chars; text
 * compares by code point (the "C" collation). Arguments arrive already converted to text (or
 * integer where a count is taken); a strict function never sees a NULL.
 */
final class StringFunctions {
    private StringFunctions() {
    }

    static Object apply(ScalarFunction f, Object[] a) {
        return switch (f) {
            case INITCAP -> initcap((String) a[0]);
            case SUBSTR -> a.length == 2 ? substr((String) a[0], toInt(a[1]), Long.MAX_VALUE / 4)
                    : substr((String) a[0], toInt(a[1]), count(a[2]));
            case STRPOS -> strpos((String) a[0], (String) a[1]);
            case REPLACE -> ((String) a[1]).isEmpty() ? a[0] : ((String) a[0]).replace((String) a[1], (String) a[2]);
            case BTRIM -> trim((String) a[0], a.length > 1 ? (String) a[1] : " ", true, true);
            case LTRIM -> trim((String) a[0], a.length > 1 ? (String) a[1] : " ", true, false);
            case RTRIM -> trim((String) a[0], a.length > 1 ? (String) a[1] : " ", false, true);
            case LPAD -> pad((String) a[0], toInt(a[1]), a.length > 2 ? (String) a[2] : " ", true);
            case RPAD -> pad((String) a[0], toInt(a[1]), a.length > 2 ? (String) a[2] : " ", false);
            case LEFT -> left((String) a[0], toInt(a[1]));
            case RIGHT -> right((String) a[0], toInt(a[1]));
            case REPEAT -> repeat((String) a[0], toInt(a[1]));
            case REVERSE -> new StringBuilder((String) a[0]).reverse().toString();
            case CONCAT -> concat("", a, 0);
            case CONCAT_WS -> a[0] == null ? null : concat((String) a[0], a, 1);
            case SPLIT_PART -> splitPart((String) a[0], (String) a[1], toInt(a[2]));
            case STARTS_WITH -> ((String) a[0]).startsWith((String) a[1]);
            case FORMAT -> a[0] == null ? null : Format.format((String) a[0], a);
            case MD5 -> md5((String) a[0]);
            case REGEXP_REPLACE -> regexpReplace((String) a[0], (String) a[1], (String) a[2],
                    a.length > 3 ? (String) a[3] : "");
            case REGEX_MATCHES -> regex((String) a[1], 0).matcher((String) a[0]).find();
            case REGEX_MATCHES_CI -> regex((String) a[1], Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
                    .matcher((String) a[0]).find();
            case CHR -> chr(((Number) a[0]).longValue());
            case ASCII -> ((String) a[0]).isEmpty() ? 0 : ((String) a[0]).codePointAt(0);
            case TO_HEX -> a[0] instanceof Long l ? Long.toHexString(l) : Integer.toHexString(((Number) a[0]).intValue());
            case OCTET_LENGTH -> ((String) a[0]).getBytes(StandardCharsets.UTF_8).length;
            case TRANSLATE -> translate((String) a[0], (String) a[1], (String) a[2]);
            case REGEXP_LIKE -> pattern((String) a[1], a.length > 2 ? (String) a[2] : "", "regexp_like")
                    .matcher((String) a[0]).find();
            case REGEXP_COUNT -> regexpCount((String) a[0], (String) a[1], a.length > 2 ? toInt(a[2]) : 1,
                    a.length > 3 ? (String) a[3] : "");
            case REGEXP_SUBSTR -> regexpSubstr((String) a[0], (String) a[1], a.length > 2 ? toInt(a[2]) : 1,
                    a.length > 3 ? toInt(a[3]) : 1, a.length > 4 ? (String) a[4] : "", a.length > 5 ? toInt(a[5]) : 0);
            case REGEXP_SPLIT_TO_ARRAY -> io.kyrodb.engine.types.SqlArray.of(
                    regexpSplit((String) a[0], (String) a[1], a.length > 2 ? (String) a[2] : ""));
            default -> throw new IllegalStateException("not a text function: " + f);
        };
    }

    private static int toInt(Object v) {
        long n = ((Number) v).longValue();
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, n));
    }

    private static long count(Object v) {
        long n = ((Number) v).longValue();
        if (n < 0) {
            throw new KyroException(SqlState.SUBSTRING_ERROR, "negative substring length not allowed");
        }
        return n;
    }

    private static int[] points(String s) {
        return s.codePoints().toArray();
    }

    private static String of(int[] cps, int from, int to) {
        return new String(cps, from, Math.max(0, to - from));
    }

    static String initcap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean inWord = false;
        for (int cp : points(s)) {
            boolean alnum = Character.isLetterOrDigit(cp);
            out.appendCodePoint(!alnum ? cp : inWord ? Character.toLowerCase(cp) : Character.toUpperCase(cp));
            inWord = alnum;
        }
        return out.toString();
    }

    /** Characters {@code from} (1-based, may be below 1) through {@code from + count - 1}. */
    static String substr(String s, long from, long count) {
        int[] cps = points(s);
        long start = Math.max(from, 1);
        long end = Math.min(from + count, (long) cps.length + 1);   // exclusive, 1-based
        if (end <= start) {
            return "";
        }
        return of(cps, (int) start - 1, (int) end - 1);
    }

    static int strpos(String s, String sub) {
        int i = s.indexOf(sub);
        return i < 0 ? 0 : s.codePointCount(0, i) + 1;
    }

    static String trim(String s, String chars, boolean leading, boolean trailing) {
        int[] cps = points(s);
        int[] set = points(chars);
        int from = 0;
        int to = cps.length;
        while (leading && from < to && contains(set, cps[from])) {
            from++;
        }
        while (trailing && to > from && contains(set, cps[to - 1])) {
            to--;
        }
        return of(cps, from, to);
    }

    private static boolean contains(int[] set, int cp) {
        for (int c : set) {
            if (c == cp) {
                return true;
            }
        }
        return false;
    }

    static String pad(String s, int length, String fill, boolean leading) {
        int[] cps = points(s);
        if (length <= 0) {
            return "";
        }
        if (cps.length >= length) {
            return of(cps, 0, length);
        }
        int[] f = points(fill);
        if (f.length == 0) {
            return s;
        }
        StringBuilder padding = new StringBuilder();
        for (int i = 0; i < length - cps.length; i++) {
            padding.appendCodePoint(f[i % f.length]);
        }
        return leading ? padding + s : s + padding;
    }

    static String left(String s, int n) {
        int[] cps = points(s);
        int k = n >= 0 ? Math.min(n, cps.length) : Math.max(0, cps.length + n);
        return of(cps, 0, k);
    }

    static String right(String s, int n) {
        int[] cps = points(s);
        int k = n >= 0 ? Math.min(n, cps.length) : Math.max(0, cps.length + n);
        return of(cps, cps.length - k, cps.length);
    }

    static String repeat(String s, int n) {
        if (n <= 0 || s.isEmpty()) {
            return "";
        }
        if ((long) s.length() * n > (1 << 28)) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested length too large: repeat of "
                    + s.length() + " characters " + n + " times");
        }
        return s.repeat(n);
    }

    private static String concat(String separator, Object[] a, int from) {
        StringBuilder out = new StringBuilder();
        boolean first = true;
        for (int i = from; i < a.length; i++) {
            if (a[i] == null) {
                continue;
            }
            if (!first) {
                out.append(separator);
            }
            out.append((String) a[i]);
            first = false;
        }
        return out.toString();
    }

    static String splitPart(String s, String delimiter, int n) {
        if (n == 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "field position must not be zero");
        }
        if (delimiter.isEmpty()) {
            return n == 1 || n == -1 ? s : "";
        }
        String[] parts = s.split(Pattern.quote(delimiter), -1);
        int i = n > 0 ? n - 1 : parts.length + n;
        return i >= 0 && i < parts.length ? parts[i] : "";
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no MD5", e);
        }
    }

    private record CompiledKey(String pattern, int flags) {
    }

    /** Patterns compiled before (a query's constant pattern is compiled once, not per row); cleared when large. */
    private static final java.util.concurrent.ConcurrentHashMap<CompiledKey, Pattern> COMPILED =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A regular expression as PostgreSQL reads it: unless newline-sensitive (the n option, which
     * asks for MULTILINE here), {@code .} and bracket expressions match a newline too (DOTALL).
     */
    static Pattern regex(String pattern, int flags) {
        int f = (flags & Pattern.MULTILINE) != 0 ? flags : flags | Pattern.DOTALL;
        CompiledKey key = new CompiledKey(pattern, f);
        Pattern cached = COMPILED.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            Pattern compiled = Pattern.compile(pattern, f);
            if (COMPILED.size() >= 512) {
                COMPILED.clear();
            }
            COMPILED.put(key, compiled);
            return compiled;
        } catch (PatternSyntaxException e) {
            throw new KyroException(SqlState.INVALID_REGULAR_EXPRESSION, "invalid regular expression: "
                    + e.getDescription() + " in '" + pattern + "'");
        }
    }

    /**
     * A pattern compiled with PostgreSQL's option letters: i (case-insensitive), c (case-sensitive,
     * the default; the last of i and c wins), n and s (newline-sensitive or not: Java's default
     * dot already stops at newlines, as with n), g only where {@code function} is regexp_replace.
     */
    private static Pattern pattern(String pattern, String flags, String function) {
        int f = 0;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'g' -> {
                    if (!function.equals("regexp_replace")) {
                        throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, function
                                + "() does not support the \"global\" option");
                    }
                }
                case 'i' -> f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'c' -> f &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                case 'n' -> f |= Pattern.MULTILINE;
                case 's' -> f &= ~Pattern.MULTILINE;
                default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid regular expression option: \"" + c + "\"");
            }
        }
        return regex(pattern, f);
    }

    /** translate(s, from, to): each code point of from replaced by the one at its place in to, or dropped. */
    static String translate(String s, String from, String to) {
        int[] src = points(from);
        int[] dst = points(to);
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            for (int i = 0; i < src.length; i++) {
                if (src[i] == cp) {
                    if (i < dst.length) {
                        out.appendCodePoint(dst[i]);
                    }
                    return;
                }
            }
            out.appendCodePoint(cp);
        });
        return out.toString();
    }

    /** The UTF-16 index of code point {@code start} (1-based); 22023 below 1, as PostgreSQL. */
    static int startIndex(String s, int start) {
        if (start < 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"start\": " + start);
        }
        int cps = s.codePointCount(0, s.length());
        return start - 1 >= cps ? s.length() : s.offsetByCodePoints(0, start - 1);
    }

    static int regexpCount(String s, String pattern, int start, String flags) {
        Matcher m = pattern(pattern, flags, "regexp_count").matcher(s);
        int from = startIndex(s, start);
        int n = 0;
        while (from <= s.length() && m.find(from)) {
            n++;
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return n;
    }

    /** The n-th match from {@code start}, or its {@code group}-th parenthesized part; NULL when there is none. */
    static String regexpSubstr(String s, String pattern, int start, int n, String flags, int group) {
        if (n < 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"n\": " + n);
        }
        if (group < 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"subexpr\": " + group);
        }
        Matcher m = pattern(pattern, flags, "regexp_substr").matcher(s);
        int from = startIndex(s, start);
        for (int found = 0; from <= s.length() && m.find(from); ) {
            if (++found == n) {
                return group > m.groupCount() ? null : m.group(group);
            }
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return null;
    }

    /**
     * regexp_split_to_array: the text between matches. As in PostgreSQL, a zero-length match at the
     * start or end of the text, or right after another match, splits nothing.
     */
    static List<String> regexpSplit(String s, String pattern, String flags) {
        Matcher m = pattern(pattern, flags, "regexp_split_to_array").matcher(s);
        List<String> parts = new ArrayList<>();
        int from = 0;
        int searchAt = 0;
        while (searchAt <= s.length() && m.find(searchAt)) {
            if (m.start() == m.end() && (m.start() == 0 || m.start() == s.length() || m.start() == from)) {
                searchAt = m.start() + 1;
                continue;
            }
            parts.add(s.substring(from, m.start()));
            from = m.end();
            searchAt = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        parts.add(s.substring(from));
        return parts;
    }

    /** PostgreSQL's replacement text: {@code \1}..{@code \9} and {@code &} (the whole match); flags g and i. */
    static String regexpReplace(String s, String pattern, String replacement, String flags) {
        boolean global = flags.indexOf('g') >= 0;
        Pattern compiled = pattern(pattern, flags, "regexp_replace");
        StringBuilder java = javaReplacement(replacement);
        Matcher m = compiled.matcher(s);
        try {
            return global ? m.replaceAll(java.toString()) : m.replaceFirst(java.toString());
        } catch (IndexOutOfBoundsException noSuchGroup) {
            return global ? m.replaceAll(java.toString().replaceAll("\\$[1-9]", ""))
                    : m.replaceFirst(java.toString().replaceAll("\\$[1-9]", ""));
        }
    }

    /** A pattern with PostgreSQL's option letters, g allowed (regexp_replace's start/N forms). */
    static Pattern replacePattern(String pattern, String flags) {
        return pattern(pattern, flags, "regexp_replace");
    }

    /** PostgreSQL's replacement text (\1..\9 groups, \& the match) as Matcher's. */
    static StringBuilder javaReplacement(String replacement) {
        StringBuilder java = new StringBuilder();
        for (int i = 0; i < replacement.length(); i++) {
            char c = replacement.charAt(i);
            if (c == '\\' && i + 1 < replacement.length()) {
                char next = replacement.charAt(++i);
                if (next >= '1' && next <= '9') {
                    java.append('$').append(next);
                } else if (next == '&') {
                    java.append('&');
                } else {
                    java.append(Matcher.quoteReplacement(String.valueOf(next)));
                }
            } else if (c == '&') {
                java.append("$0");
            } else {
                java.append(Matcher.quoteReplacement(String.valueOf(c)));
            }
        }
        return java;
    }

    static String chr(long code) {
        if (code == 0) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "null character not permitted");
        }
        if (code < 0 || code > Character.MAX_CODE_POINT || (code >= 0xD800 && code <= 0xDFFF)) {
            throw new KyroException(SqlState.PROGRAM_LIMIT_EXCEEDED, "requested character too large for encoding: " + code);
        }
        return new String(Character.toChars((int) code));
    }
}
