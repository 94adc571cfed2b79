package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Pos;

/**
 * Decodes the body of PostgreSQL's escape string constant {@code E'...'}: {@code \b \f \n \r \t},
 * {@code \ooo} (octal, 1 to 3 digits), {@code \xh[h]} (hex), {@code \}{@code uXXXX} and
 * {@code \UXXXXXXXX} (Unicode), {@code ''} for a quote; a backslash before any other character
 * stands for that character ({@code \\}, {@code \'}). A zero character is refused (22021) and a
 * bad Unicode escape is 22025, as in PostgreSQL.
 */
final class EscapeStrings {
    private EscapeStrings() {
    }

    static String decode(String body, String sql, Pos pos) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c == '\'') {
                i++;   // '' stands for one quote
                out.append('\'');
                continue;
            }
            if (c != '\\' || i >= body.length()) {
                out.append(c);
                continue;
            }
            char e = body.charAt(i++);
            switch (e) {
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'x' -> {
                    int end = digits(body, i, 2, 16);
                    if (end == i) {
                        out.append('x');   // "\x" without a hex digit is just "x"
                    } else {
                        out.appendCodePoint(nonZero(Integer.parseInt(body, i, end, 16), sql, pos));
                        i = end;
                    }
                }
                case 'u', 'U' -> {
                    int length = e == 'u' ? 4 : 8;
                    int end = digits(body, i, length, 16);
                    if (end - i != length) {
                        throw new SqlSyntaxException("invalid Unicode escape: Unicode escapes must be \\uXXXX or \\UXXXXXXXX",
                                sql, pos, "22025");
                    }
                    long cp = Long.parseLong(body, i, end, 16);
                    if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                        throw new SqlSyntaxException("invalid Unicode escape value", sql, pos, "22025");
                    }
                    out.appendCodePoint(nonZero((int) cp, sql, pos));
                    i = end;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = digits(body, i - 1, 3, 8);
                        out.appendCodePoint(nonZero(Integer.parseInt(body, i - 1, end, 8) & 0xFF, sql, pos));
                        i = end;
                    } else {
                        out.append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * The body of a {@code U&'...'} constant (quotes already undoubled): {@code \XXXX} and {@code
     * \+XXXXXX} are code points, {@code \\} a backslash; any other backslash is 42601 as in PostgreSQL.
     */
    static String decodeUnicode(String body, String sql, Pos pos) {
        StringBuilder out = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i < body.length() && body.charAt(i) == '\\') {
                out.append('\\');
                i++;
                continue;
            }
            boolean wide = i < body.length() && body.charAt(i) == '+';
            int start = wide ? i + 1 : i;
            int length = wide ? 6 : 4;
            int end = digits(body, start, length, 16);
            if (end - start != length) {
                throw new SqlSyntaxException("invalid Unicode escape", sql, pos);
            }
            int cp = Integer.parseInt(body, start, end, 16);
            if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0) {
                throw new SqlSyntaxException("invalid Unicode escape value", sql, pos);
            }
            out.appendCodePoint(cp);
            i = end;
        }
        return out.toString();
    }

    /** The end of at most {@code max} digits of {@code radix} from {@code start}. */
    private static int digits(String s, int start, int max, int radix) {
        int end = start;
        while (end < s.length() && end - start < max && Character.digit(s.charAt(end), radix) >= 0) {
            end++;
        }
        return end;
    }

    private static int nonZero(int cp, String sql, Pos pos) {
        if (cp == 0) {
            throw new SqlSyntaxException("invalid byte sequence for encoding \"UTF8\": 0x00", sql, pos, "22021");
        }
        return cp;
    }
}
