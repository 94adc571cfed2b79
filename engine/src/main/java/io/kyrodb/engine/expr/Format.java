package io.kyrodb.engine.expr;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Locale;

/**
 * PostgreSQL's {@code format(fmt, args...)}: {@code %s} (the value as text, NULL as empty),
 * {@code %I} (an SQL identifier, quoted when needed), {@code %L} (an SQL literal, NULL as
 * {@code NULL}), {@code %%}, argument positions {@code %2$s}, and a width padding the result with
 * spaces ({@code %10s}, {@code %-10s} on the right, {@code %*s} / {@code %*2$s} from an argument, a
 * negative one padding on the right). Arguments arrive as text.
 */
final class Format {
    private Format() {
    }

    /** {@code a[0]} is the format, {@code a[1..]} the arguments. */
    static String format(String fmt, Object[] a) {
        StringBuilder out = new StringBuilder();
        int next = 1;
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            if (c != '%') {
                out.append(c);
                continue;
            }
            if (++i >= fmt.length()) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier");
            }
            c = fmt.charAt(i);
            if (c == '%') {
                out.append('%');
                continue;
            }
            int arg = next;
            boolean positioned = false;
            int digits = i;
            while (digits < fmt.length() && Character.isDigit(fmt.charAt(digits))) {
                digits++;
            }
            if (digits > i && digits < fmt.length() && fmt.charAt(digits) == '$') {
                arg = Integer.parseInt(fmt.substring(i, digits));
                positioned = true;
                if (arg == 0) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                            "format specifies argument 0, but arguments are numbered from 1");
                }
                i = digits + 1;
                if (i >= fmt.length()) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier");
                }
                c = fmt.charAt(i);
            }
            boolean left = false;   // the - flag: pad on the right
            while (c == '-') {
                left = true;
                c = at(fmt, ++i);
            }
            int width = 0;
            if (c == '*') {   // the width is an argument: the next one, or *n$
                int w = ++i;
                while (w < fmt.length() && Character.isDigit(fmt.charAt(w))) {
                    w++;
                }
                int widthArg = next;
                if (w > i && w < fmt.length() && fmt.charAt(w) == '$') {
                    widthArg = Integer.parseInt(fmt.substring(i, w));
                    i = w + 1;
                }
                if (!positioned) {
                    arg = widthArg + 1;   // the width's argument comes before the value's
                }
                if (widthArg >= a.length) {
                    throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
                }
                width = a[widthArg] == null ? 0 : Integer.parseInt(((String) a[widthArg]).strip());
                if (width < 0) {
                    left = true;
                    width = -width;
                }
                c = at(fmt, i);
            } else {
                while (Character.isDigit(c)) {
                    width = width * 10 + (c - '0');
                    c = at(fmt, ++i);
                }
            }
            if (arg >= a.length) {
                throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "too few arguments for format()");
            }
            Object v = a[arg];
            next = arg + 1;
            String text = switch (c) {
                case 's' -> v == null ? "" : (String) v;
                case 'I' -> {
                    if (v == null) {
                        throw new KyroException(SqlState.NULL_VALUE_NOT_ALLOWED,
                                "null values cannot be formatted as an SQL identifier");
                    }
                    yield quoteIdent((String) v);
                }
                case 'L' -> v == null ? "NULL" : quoteLiteral((String) v);
                default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE,
                        "unrecognized format() type specifier \"" + c + "\"");
            };
            int pad = width - text.codePointCount(0, text.length());
            if (pad > 0 && !left) {
                out.append(" ".repeat(pad));
            }
            out.append(text);
            if (pad > 0 && left) {
                out.append(" ".repeat(pad));
            }
        }
        return out.toString();
    }

    /** The character at {@code i} of a format, which must not end inside a specifier. */
    private static char at(String fmt, int i) {
        if (i >= fmt.length()) {
            throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "unterminated format() type specifier");
        }
        return fmt.charAt(i);
    }

    static String quoteIdent(String s) {
        boolean plain = !s.isEmpty() && (Character.isLowerCase(s.charAt(0)) || s.charAt(0) == '_')
                && s.chars().allMatch(ch -> (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')
                && !RESERVED.contains(" " + s.toLowerCase(Locale.ROOT) + " ");
        return plain ? s : "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static String quoteLiteral(String s) {
        String body = s.replace("'", "''");
        if (s.indexOf('\\') >= 0) {
            return "E'" + body.replace("\\", "\\\\") + "'";
        }
        return "'" + body + "'";
    }

    /** PostgreSQL's reserved keywords, which quote_ident quotes. */
    private static final String RESERVED = " all analyse analyze and any array as asc asymmetric both case cast check"
            + " collate column constraint create current_catalog current_date current_role current_time"
            + " current_timestamp current_user default deferrable desc distinct do else end except false fetch for"
            + " foreign from grant group having in initially intersect into lateral leading limit localtime"
            + " localtimestamp not null offset on only or order placing primary references returning select"
            + " session_user some symmetric table then to trailing true union unique user using variadic when where"
            + " window with ";
}
