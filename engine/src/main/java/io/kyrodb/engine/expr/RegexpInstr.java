package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;

import java.util.regex.Matcher;

/**
 * regexp_instr(s, re [, start [, N [, endoption [, flags [, subexpr]]]]]) of PostgreSQL 15: the
 * code-point position (from 1) where the N-th match from {@code start} begins, or just after it
 * ends with endoption 1; of the subexpr-th parenthesized part when subexpr is given; 0 when there
 * is no such match. Arguments past the text and pattern come in that order, missing ones default.
 */
public record RegexpInstr() implements Builtin {
    @Override
    public Object apply(Object[] args, SqlType resultType) {
        String s = (String) args[0];
        int start = args.length > 2 ? ((Number) args[2]).intValue() : 1;
        int n = args.length > 3 ? ((Number) args[3]).intValue() : 1;
        int end = args.length > 4 ? ((Number) args[4]).intValue() : 0;
        String flags = args.length > 5 ? (String) args[5] : "";
        int group = args.length > 6 ? ((Number) args[6]).intValue() : 0;
        if (n < 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"n\": " + n);
        }
        if (end != 0 && end != 1) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"endoption\": " + end);
        }
        if (group < 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for parameter \"subexpr\": " + group);
        }
        if (flags.indexOf('g') >= 0) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "regexp_instr() does not support the \"global\" option");
        }
        Matcher m = StringFunctions.replacePattern((String) args[1], flags).matcher(s);
        int from = StringFunctions.startIndex(s, start);
        for (int found = 0; from <= s.length() && m.find(from); ) {
            if (++found == n) {
                if (group > m.groupCount() || m.start(group) < 0) {
                    return 0;
                }
                int at = end == 1 ? m.end(group) : m.start(group);
                return s.codePointCount(0, at) + 1;
            }
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return 0;
    }
}
