package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Pos;

/**
 * Formats the place an error points at, the way every KyroDB error shows SQL text:
 * <pre>
 * column "nme" does not exist
 *   SELECT nme FROM t
 *          ^ line 1, column 8
 * </pre>
 */
public final class SourceSnippet {
    private static final int MAX_LINE = 160;

    private SourceSnippet() {
    }

    /** {@code message} followed by the line of {@code sql} at {@code pos} and a caret under it. */
    public static String annotate(String message, String sql, Pos pos) {
        if (sql == null || pos == null || !pos.isKnown() || pos.offset() > sql.length()) {
            return message;
        }
        int offset = pos.offset();
        int lineStart = sql.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset == 0) {
            lineStart = 0;
        }
        int lineEnd = sql.indexOf('\n', offset);
        if (lineEnd < 0) {
            lineEnd = sql.length();
        }
        String line = sql.substring(lineStart, lineEnd).replace('\t', ' ').stripTrailing();
        int caret = offset - lineStart;
        // Keep long lines readable: show a window around the caret.
        if (line.length() > MAX_LINE) {
            int from = Math.max(0, Math.min(caret - MAX_LINE / 2, line.length() - MAX_LINE));
            line = (from > 0 ? "..." : "") + line.substring(from, Math.min(line.length(), from + MAX_LINE));
            caret = caret - from + (from > 0 ? 3 : 0);
        }
        return message + "\n  " + line + "\n  " + " ".repeat(Math.max(0, caret)) + "^ line " + pos.line()
                + ", column " + pos.column();
    }
}
