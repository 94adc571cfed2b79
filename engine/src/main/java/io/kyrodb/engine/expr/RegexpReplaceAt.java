package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;

import java.util.regex.Matcher;

/**
 * regexp_replace(s, re, replacement, start [, N [, flags]]) of PostgreSQL 15: the search begins at
 * code point {@code start}; N 0 replaces every match from there, N k only the k-th (without N,
 * the first, or all with flag g). 22023 for a start below 1 or a negative N.
 */
public record RegexpReplaceAt() implements Builtin {
    @Override
    public Object apply(Object[] args, SqlType resultType) {
        String s = (String) args[0];
        int start = ((Number) args[3]).intValue();
        String flags = args.length > 5 ? (String) args[5] : "";
        int n = args.length > 4 ? ((Number) args[4]).intValue() : flags.indexOf('g') >= 0 ? 0 : 1;
        if (n < 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"n\": " + n);
        }
        int from = StringFunctions.startIndex(s, start);
        Matcher m = StringFunctions.replacePattern((String) args[1], flags).matcher(s);
        String replacement = StringFunctions.javaReplacement((String) args[2]).toString();
        StringBuilder out = new StringBuilder(s.substring(0, from));
        int copied = from;
        int found = 0;
        while (from <= s.length() && m.find(from)) {
            found++;
            if (n == 0 || found == n) {
                StringBuilder one = new StringBuilder();
                try {   // find(from) reset the matcher: this appends s[0, start) and then the replacement
                    m.appendReplacement(one, replacement);
                } catch (IndexOutOfBoundsException noSuchGroup) {
                    one.setLength(0);
                    m.appendReplacement(one, replacement.replaceAll("\\$[1-9]", ""));
                }
                out.append(s, copied, m.start()).append(one, m.start(), one.length());
                copied = m.end();
                if (n != 0) {
                    break;
                }
            }
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return out.append(s.substring(Math.min(copied, s.length()))).toString();
    }
}
