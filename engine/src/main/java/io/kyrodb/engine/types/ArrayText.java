package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of one-dimensional arrays, as Postgres's {@code array_in}/{@code array_out}:
 * {@code {1,2,3}}; an element is double-quoted (with {@code \} before {@code "} and {@code \}) when
 * it is empty, is {@code NULL} in any case, or holds braces, a comma, a quote, a backslash or white
 * space; an unquoted {@code NULL} is SQL NULL. Booleans print as {@code t}/{@code f}.
 * Multi-dimensional literals are refused (22P02).
 */
public final class ArrayText {
    private ArrayText() {
    }

    public static String format(SqlArray a) {
        StringBuilder sb = new StringBuilder().append('{');
        for (int i = 0; i < a.length(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            Object v = a.get(i);
            if (v == null) {
                sb.append("NULL");
                continue;
            }
            String s = v instanceof Boolean b ? (b ? "t" : "f") : Values.toText(v);
            if (needsQuotes(s)) {
                sb.append('"');
                for (int k = 0; k < s.length(); k++) {
                    char c = s.charAt(k);
                    if (c == '"' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            } else {
                sb.append(s);
            }
        }
        return sb.append('}').toString();
    }

    private static boolean needsQuotes(String s) {
        if (s.isEmpty() || s.equalsIgnoreCase("NULL")) {
            return true;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' || c == '}' || c == ',' || c == '"' || c == '\\' || Character.isWhitespace(c)) {
                return true;
            }
        }
        return false;
    }

    /** Parses an array literal of {@code type} (an array type), converting each element from its text. */
    public static SqlArray parse(String text, SqlType type) {
        SqlType element = type.element();
        List<Object> out = new ArrayList<>();
        int i = skipSpace(text, 0);
        if (i >= text.length() || text.charAt(i) != '{') {
            throw malformed(text, "Array value must start with \"{\" or dimension information.");
        }
        i = skipSpace(text, i + 1);
        if (i < text.length() && text.charAt(i) == '}') {
            i = skipSpace(text, i + 1);
            if (i != text.length()) {
                throw malformed(text, "Junk after closing right brace.");
            }
            return SqlArray.of(out);
        }
        while (true) {
            if (i >= text.length()) {
                throw malformed(text, "Unexpected end of input.");
            }
            char c = text.charAt(i);
            if (c == '{') {
                throw new KyroException(SqlState.INVALID_TEXT_REPRESENTATION, "malformed array literal: \""
                        + Values.abbreviate(text) + "\" (multidimensional arrays are not supported)");
            }
            StringBuilder item = new StringBuilder();
            boolean quoted = false;
            if (c == '"') {
                quoted = true;
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw malformed(text, "Unexpected end of input.");
                    }
                    char q = text.charAt(i++);
                    if (q == '"') {
                        break;
                    }
                    if (q == '\\') {
                        if (i >= text.length()) {
                            throw malformed(text, "Unexpected end of input.");
                        }
                        q = text.charAt(i++);
                    }
                    item.append(q);
                }
                i = skipSpace(text, i);
            } else {
                int lastSignificant = 0;
                while (i < text.length()) {
                    char q = text.charAt(i);
                    if (q == ',' || q == '}') {
                        break;
                    }
                    if (q == '{' || q == '"') {
                        throw malformed(text, "Unexpected \"" + q + "\" character.");
                    }
                    i++;
                    if (q == '\\') {
                        if (i >= text.length()) {
                            throw malformed(text, "Unexpected end of input.");
                        }
                        item.append(text.charAt(i++));
                        lastSignificant = item.length();
                    } else {
                        item.append(q);
                        if (!Character.isWhitespace(q)) {
                            lastSignificant = item.length();
                        }
                    }
                }
                item.setLength(lastSignificant);
                if (item.isEmpty()) {
                    throw malformed(text, "Unexpected \"" + (i < text.length() ? text.charAt(i) : ' ') + "\" character.");
                }
            }
            String s = item.toString();
            out.add(!quoted && s.toUpperCase(Locale.ROOT).equals("NULL") ? null : Values.parse(s, element));
            if (i >= text.length()) {
                throw malformed(text, "Unexpected end of input.");
            }
            char sep = text.charAt(i);
            if (sep == ',') {
                i = skipSpace(text, i + 1);
                continue;
            }
            if (sep == '}') {
                i = skipSpace(text, i + 1);
                if (i != text.length()) {
                    throw malformed(text, "Junk after closing right brace.");
                }
                return SqlArray.of(out);
            }
            throw malformed(text, "Unexpected array element.");
        }
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static KyroException malformed(String text, String detail) {
        return new KyroException(SqlState.INVALID_TEXT_REPRESENTATION,
                "malformed array literal: \"" + Values.abbreviate(text) + "\" (" + detail + ")");
    }
}
