package io.kyrodb.server;

import java.util.List;

/**
 * CSV for machines (RFC 4180 quoting): fields separated by commas; a field holding a comma, a
 * double quote, a line break or a leading or trailing space is quoted, with quotes doubled inside.
 * NULL is an empty field and the empty string is {@code ""}, so the two stay apart (as in
 * PostgreSQL's {@code COPY ... CSV}). Records end with {@code \n}, not the RFC's CRLF, as psql's
 * {@code --csv} does: Unix tools read it, and CSV readers take either.
 */
final class CsvFormatter {

    private CsvFormatter() {}

    /** One record, line end included. */
    static String record(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) out.append(',');
            appendField(out, fields.get(i));
        }
        return out.append('\n').toString();
    }

    static void appendField(StringBuilder out, String value) {
        if (value == null) return;
        if (!needsQuotes(value)) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') out.append('"');
            out.append(c);
        }
        out.append('"');
    }

    private static boolean needsQuotes(String value) {
        if (value.isEmpty()) return true;
        if (value.charAt(0) == ' ' || value.charAt(value.length() - 1) == ' ') return true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') return true;
        }
        return false;
    }
}
