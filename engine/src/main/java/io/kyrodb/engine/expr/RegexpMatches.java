package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The halves regexp_matches(s, re, flags) is written with (see the grammar's RegexpMatches):
 * {@code regexp_matches_count} the number of rows it returns (every match with flag g, else at
 * most one) and {@code regexp_matches_at(..., n)} the n-th row: the match's parenthesized parts
 * as text[] (a part that took no part of the text is NULL), or the whole match when the pattern
 * has none. Options as PostgreSQL's: g, i, c, n, s; another letter is 22023.
 */
public record RegexpMatches(boolean count) implements Builtin {
    @Override
    public Object apply(Object[] args, SqlType resultType) {
        String s = (String) args[0];
        String flags = (String) args[2];
        boolean global = flags.indexOf('g') >= 0;
        Matcher m = pattern((String) args[1], flags).matcher(s);
        int wanted = count ? Integer.MAX_VALUE : ((Number) args[3]).intValue();
        int found = 0;
        int from = 0;
        while (from <= s.length() && m.find(from)) {
            found++;
            if (!count && found == wanted) {
                return groups(m);
            }
            if (!global) {
                break;
            }
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return count ? found : null;
    }

    private static SqlArray groups(Matcher m) {
        if (m.groupCount() == 0) {
            return SqlArray.of(new Object[] {m.group()});
        }
        Object[] parts = new Object[m.groupCount()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = m.group(i + 1);
        }
        return SqlArray.of(parts);
    }

    private static Pattern pattern(String pattern, String flags) {
        int f = 0;
        for (char c : flags.toCharArray()) {
            switch (c) {
                case 'g' -> {
                }
                case 'i' -> f |= Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;
                case 'c' -> f &= ~(Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
                case 'n' -> f |= Pattern.MULTILINE;
                case 's' -> f &= ~Pattern.MULTILINE;
                default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                        "invalid regular expression option: \"" + c + "\"");
            }
        }
        return StringFunctions.regex(pattern, f);
    }
}
