package io.kyrodb.jdbc;

import java.util.regex.Pattern;

/**
 * A DatabaseMetaData name pattern: {@code %} matches any run of characters, {@code _} any one,
 * and the escape {@code \} makes the next character literal. A null pattern matches every name.
 * Matching is exact in case, as in pgjdbc: names are stored in lower case unless quoted, so
 * callers pass them as stored.
 */
final class LikePattern {
    static final char ESCAPE = '\\';
    private static final LikePattern ALL = new LikePattern(null);

    private final Pattern regex;

    private LikePattern(Pattern regex) {
        this.regex = regex;
    }

    static LikePattern of(String pattern) {
        if (pattern == null) {
            return ALL;
        }
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == ESCAPE && i + 1 < pattern.length()) {
                literal.append(pattern.charAt(++i));
            } else if (c == '%' || c == '_') {
                flush(literal, re);
                re.append(c == '%' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        flush(literal, re);
        return new LikePattern(Pattern.compile(re.toString(), Pattern.DOTALL));
    }

    private static void flush(StringBuilder literal, StringBuilder re) {
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    boolean matches(String name) {
        return regex == null || (name != null && regex.matcher(name).matches());
    }
}
