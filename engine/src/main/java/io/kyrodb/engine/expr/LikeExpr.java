package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.util.CaseMapping;

import java.util.regex.Pattern;

/**
 * {@code x [NOT] LIKE|ILIKE pattern [ESCAPE e]} with {@code %} and {@code _}; the escape character
 * is backslash unless {@code escape} gives another (one character) or none (the empty string), as
 * in Postgres. ILIKE lowers both sides code point by code point and matches them as LIKE does, as
 * PostgreSQL does in a UTF8 database (so 'ς' ILIKE 'Σ' is false: lower('Σ') is 'σ').
 *
 * <p>The pattern is compiled once per distinct pattern in a row: {@code memo} keeps the last one
 * (a constant pattern compiles once per statement, not once per row).
 */
public record LikeExpr(BoundExpr value, BoundExpr pattern, boolean caseInsensitive, boolean negated, BoundExpr escape,
                       Memo memo) implements BoundExpr {
    public LikeExpr(BoundExpr value, BoundExpr pattern, boolean caseInsensitive, boolean negated, BoundExpr escape) {
        this(value, pattern, caseInsensitive, negated, escape, new Memo());
    }

    public LikeExpr(BoundExpr value, BoundExpr pattern, boolean caseInsensitive, boolean negated) {
        this(value, pattern, caseInsensitive, negated, null);
    }

    /**
     * The last pattern compiled, shared by the threads that evaluate the expression. Not part of
     * what the expression means: every memo equals every other, so two LIKEs that read the same
     * are equal (plan matching, index expressions). A memo belongs to one expression (it holds
     * that expression's LIKE or ILIKE regex): a rewrite that builds a new LikeExpr must give it a
     * new memo, as the public constructors do.
     */
    public static final class Memo {
        private volatile Compiled last;

        @Override
        public boolean equals(Object o) {
            return o instanceof Memo;
        }

        @Override
        public int hashCode() {
            return 0;
        }

        @Override
        public String toString() {
            return "memo";
        }
    }

    /**
     * {@code regex}, or, when the pattern ends in a lone escape character ({@code danglingEscape}),
     * the regex of what comes before it followed by at least one character: PostgreSQL reports
     * 22025 only when its matcher gets to that escape with text left, and otherwise answers false.
     */
    private record Compiled(String like, int escape, Pattern regex, boolean danglingEscape) {
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
            escapeChar = es.isEmpty() ? -1 : es.codePointAt(0);
        }
        String text = (String) v;
        if (caseInsensitive) {
            text = CaseMapping.lower(text);
        }
        Compiled c = compiled((String) p, escapeChar);
        boolean matches = c.regex.matcher(text).matches();
        if (c.danglingEscape) {
            if (matches) {
                throw new KyroException(SqlState.INVALID_ESCAPE_SEQUENCE, "LIKE pattern must not end with escape character");
            }
            return negated;
        }
        return matches != negated;
    }

    private Compiled compiled(String like, int escapeChar) {
        Compiled c = memo.last;
        if (c == null || c.escape != escapeChar || !c.like.equals(like)) {
            boolean dangling = endsInLoneEscape(like, escapeChar);
            String body = dangling ? like.substring(0, like.length() - Character.charCount(escapeChar)) : like;
            String regex = regexOf(body, caseInsensitive, escapeChar) + (dangling ? ".+" : "");
            c = new Compiled(like, escapeChar, Pattern.compile(regex, Pattern.DOTALL), dangling);
            memo.last = c;
        }
        return c;
    }

    /** Whether the last character of {@code like} is an escape character that escapes nothing. */
    private static boolean endsInLoneEscape(String like, int escape) {
        if (escape < 0) {
            return false;
        }
        boolean escaped = false;
        for (int i = 0; i < like.length(); ) {
            int c = like.codePointAt(i);
            i += Character.charCount(c);
            escaped = !escaped && c == escape;
        }
        return escaped;
    }

    /**
     * The regular expression (to compile with DOTALL) of LIKE pattern {@code like}; {@code escape} is the escape character,
     * or -1 for none. With {@code lowered}, the pattern's literal characters are lowered (ILIKE),
     * after its escapes are read, as PostgreSQL applies ESCAPE before ILIKE lowers the pattern.
     */
    static String regexOf(String like, boolean lowered, int escape) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < like.length(); ) {
            int c = like.codePointAt(i);
            i += Character.charCount(c);
            if (c == escape && i < like.length()) {
                c = like.codePointAt(i);
                i += Character.charCount(c);
                literal(re, c, lowered);
            } else if (c == '%') {
                re.append(".*");
            } else if (c == '_') {
                re.append('.');
            } else {
                literal(re, c, lowered);
            }
        }
        return re.toString();
    }

    private static void literal(StringBuilder re, int c, boolean lowered) {
        re.append(Pattern.quote(Character.toString(lowered ? Character.toLowerCase(c) : c)));
    }
}
