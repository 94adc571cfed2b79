package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;

import java.util.regex.Pattern;

/**
 * {@code x [NOT] LIKE|ILIKE pattern [ESCAPE e]} with {@code %} and {@code _}; the escape character
 * is backslash unless {@code escape} gives another (one character) or none (the empty string), as
 * in Postgres.
 */
public record LikeExpr(BoundExpr value, BoundExpr pattern, boolean caseInsensitive, boolean negated, BoundExpr escape)
        implements BoundExpr {
    public LikeExpr(BoundExpr value, BoundExpr pattern, boolean caseInsensitive, boolean negated) {
        this(value, pattern, caseInsensitive, negated, null);
    }

    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object v = value.eval(row, ctx);
        if (v == null) {
            return null;
        }
        Object p = pattern.eval(row, ctx);
        if (p == null) {
            return null;
        }
        int escapeChar = '\\';
        if (escape != null) {
            Object e = escape.eval(row, ctx);
            if (e == null) {
                return null;
            }
            String es = (String) e;
            if (es.codePointCount(0, es.length()) > 1) {
                throw new KyroException(SqlState.INVALID_ESCAPE_SEQUENCE,
                        "invalid escape string: \"" + es + "\" (ESCAPE takes one character, or '' for none)");
            }
            escapeChar = es.isEmpty() ? -1 : es.charAt(0);
        }
        return toRegex((String) p, caseInsensitive, escapeChar).matcher((String) v).matches() != negated;
    }

    static Pattern toRegex(String like, boolean caseInsensitive) {
        return toRegex(like, caseInsensitive, '\\');
    }

    /** {@code escape}: the escape character, or -1 for none. */
    static Pattern toRegex(String like, boolean caseInsensitive, int escape) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == escape && i + 1 < like.length()) {
                re.append(Pattern.quote(String.valueOf(like.charAt(++i))));
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        int flags = Pattern.DOTALL | (caseInsensitive ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
        return Pattern.compile(re.toString(), flags);
    }
}
