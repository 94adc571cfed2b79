package io.kyrodb.engine.types;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The text form of arrays, as Postgres's {@code array_in}/{@code array_out}:
 * {@code {1,2,3}}; an element is double-quoted (with {@code \} before {@code "} and {@code \}) when
 * it is empty, is {@code NULL} in any case, or holds braces, a comma, a quote, a backslash or white
 * space; an unquoted {@code NULL} is SQL NULL. Booleans print as {@code t}/{@code f}.
 * Multi-dimensional arrays nest braces, one level per dimension: {@code {{1,2},{3,4}}}.
 */
public final class ArrayText {
    private ArrayText() {
    }

    public static String format(SqlArray a) {
        int[] dims = a.dims();
        if (dims.length > 1) {
            StringBuilder sb = new StringBuilder();
            formatLevel(sb, a, dims, 0, 0);
            return sb.toString();
        }
        StringBuilder sb = new StringBuilder().append('{');
        for (int i = 0; i < a.length(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendElement(sb, a.get(i));
        }
        return sb.append('}').toString();
    }

    /** Level {@code depth} of a multi-dimensional array, its first element at flat index {@code from}. */
    private static int formatLevel(StringBuilder sb, SqlArray a, int[] dims, int depth, int from) {
        sb.append('{');
        for (int i = 0; i < dims[depth]; i++) {
            if (i > 0) {
                sb.append(',');
            }
            if (depth == dims.length - 1) {
                appendElement(sb, a.get(from++));
            } else {
                from = formatLevel(sb, a, dims, depth + 1, from);
            }
        }
        sb.append('}');
        return from;
    }

    private static void appendElement(StringBuilder sb, Object v) {
        {
            if (v == null) {
                sb.append("NULL");
                return;
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

    /**
     * Parses an array literal of {@code type} (an array type), converting each element from its
     * text: {@code {1,2}} or nested {@code {{1,2},{3,4}}}, whose sub-arrays must all have the same
     * length at each level (22P02 otherwise, as Postgres).
     */
    public static SqlArray parse(String text, SqlType type) {
        int i = skipSpace(text, 0);
        if (i >= text.length() || text.charAt(i) != '{') {
            throw malformed(text, "Array value must start with \"{\" or dimension information.");
        }
        Reader r = new Reader(text, type.element());
        r.pos = i;
        r.level(0);
        if (skipSpace(text, r.pos) != text.length()) {
            throw malformed(text, "Junk after closing right brace.");
        }
        if (r.flat.isEmpty()) {
            return SqlArray.of(r.flat);
        }
        int[] dims = new int[r.dims.size()];
        for (int d = 0; d < dims.length; d++) {
            dims[d] = r.dims.get(d);
        }
        return SqlArray.ofShape(dims, r.flat.toArray());
    }

    /** A recursive reader of nested braces; {@code dims} holds each level's length once seen. */
    private static final class Reader {
        final String text;
        final SqlType element;
        final List<Object> flat = new ArrayList<>();
        final List<Integer> dims = new ArrayList<>();
        /** The level whose items are elements (not sub-arrays), once known. */
        int leafLevel = -1;
        int pos;

        Reader(String text, SqlType element) {
            this.text = text;
            this.element = element;
        }

        /** Reads {@code {...}} at {@code pos} (on its brace) at nesting {@code depth}. */
        void level(int depth) {
            pos = skipSpace(text, pos + 1);
            int count = 0;
            if (pos < text.length() && text.charAt(pos) == '}') {
                pos++;
                if (depth > 0) {
                    throw malformed(text, "Multidimensional arrays must have sub-arrays with matching dimensions.");
                }
                return;
            }
            while (true) {
                if (pos >= text.length()) {
                    throw malformed(text, "Unexpected end of input.");
                }
                boolean nested = text.charAt(pos) == '{';
                if (leafLevel < 0 && !nested) {
                    leafLevel = depth;
                }
                if (nested != (leafLevel < 0 || depth < leafLevel)) {
                    throw malformed(text, nested ? "Unexpected \"{\" character." : "Unexpected array element.");
                }
                if (nested) {
                    level(depth + 1);
                } else {
                    readItem();
                }
                count++;
                pos = skipSpace(text, pos);
                if (pos >= text.length()) {
                    throw malformed(text, "Unexpected end of input.");
                }
                char sep = text.charAt(pos);
                if (sep == ',') {
                    pos = skipSpace(text, pos + 1);
                    continue;
                }
                if (sep == '}') {
                    pos++;
                    break;
                }
                throw malformed(text, "Unexpected array element.");
            }
            while (dims.size() <= depth) {
                dims.add(-1);
            }
            if (dims.get(depth) < 0) {
                dims.set(depth, count);
            } else if (dims.get(depth) != count) {
                throw malformed(text, "Multidimensional arrays must have sub-arrays with matching dimensions.");
            }
        }

        private void readItem() {
            StringBuilder item = new StringBuilder();
            boolean quoted = false;
            int i = pos;
            if (text.charAt(i) == '"') {
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
            pos = i;
            String s = item.toString();
            flat.add(!quoted && s.toUpperCase(Locale.ROOT).equals("NULL") ? null : Values.parse(s, element));
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
