package io.kyrodb.engine.expr;

import io.kyrodb.engine.types.SqlType;

import java.util.regex.Pattern;

/** {@code x [NOT] LIKE|ILIKE pattern} with {@code %}, {@code _} and backslash escapes. */
public record LikeExpr(BoundExpr value, BoundExpr pattern, boolean caseInsensitive, boolean negated)
        implements BoundExpr {
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
        return toRegex((String) p, caseInsensitive).matcher((String) v).matches() != negated;
    }

    static Pattern toRegex(String like, boolean caseInsensitive) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            if (c == '\\' && i + 1 < like.length()) {
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
