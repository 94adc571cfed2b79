package io.kyrodb.server;

import java.util.ArrayList;
import java.util.List;

import org.jline.utils.WCWidth;

/**
 * Lays out a {@link ResultTable} the way psql's default "aligned" format (border 1) does, so what
 * users know from psql reads the same here:
 * <pre>
 *  id | name  | score
 * ----+-------+-------
 *   1 | alice |   9.5
 *   2 |       |
 * (2 rows)
 *
 * </pre>
 * Headers are centred, numbers right-aligned, text left-aligned, NULL empty. A value with line
 * breaks takes several lines, each but the last marked with {@code +} after the cell. Widths are
 * display columns (East Asian wide characters count two), tabs expand to the next multiple of 8 and
 * other control characters are shown escaped ({@code \r}, {@code \x1b}) so they cannot break the
 * layout. As in psql, the header line keeps its trailing padding and data lines have none.
 */
final class TableFormatter {

    private TableFormatter() {}

    /** The whole table, title and footers included, followed by psql's blank line. */
    static String format(ResultTable table) {
        int columns = table.headers().size();
        List<List<String>> headerCells = new ArrayList<>(columns);
        int[] widths = new int[columns];
        for (int c = 0; c < columns; c++) {
            List<String> lines = displayLines(table.headers().get(c));
            headerCells.add(lines);
            widths[c] = maxWidth(lines, 0);
        }
        List<List<List<String>>> rows = new ArrayList<>(table.rows().size());
        for (List<String> row : table.rows()) {
            if (row.size() != columns) {
                throw new IllegalArgumentException("row has " + row.size() + " values, table has " + columns + " columns");
            }
            List<List<String>> cells = new ArrayList<>(columns);
            for (int c = 0; c < columns; c++) {
                List<String> lines = displayLines(row.get(c));
                cells.add(lines);
                widths[c] = maxWidth(lines, widths[c]);
            }
            rows.add(cells);
        }

        StringBuilder out = new StringBuilder();
        if (table.title() != null) {
            int total = columns == 0 ? 2 : 3 * columns - 1;
            for (int width : widths) total += width;
            out.repeat(' ', Math.max(0, (total - width(table.title())) / 2)).append(table.title()).append('\n');
        }
        if (columns > 0) {
            appendLines(out, headerCells, widths, null);
        }
        appendRule(out, widths);
        if (columns > 0) {
            for (List<List<String>> row : rows) appendLines(out, row, widths, table.numeric());
        }
        for (String footer : table.footers()) out.append(footer).append('\n');
        return out.append('\n').toString();
    }

    /** {@code -----+-----}: each column's width plus the padding on both sides. */
    private static void appendRule(StringBuilder out, int[] widths) {
        out.append('-');
        for (int c = 0; c < widths.length; c++) {
            if (c > 0) out.append("-+-");
            out.repeat('-', widths[c]);
        }
        out.append("-\n");
    }

    /**
     * One row (or the header, when {@code numeric} is null), as many lines as its tallest cell. The
     * character after each cell is a space, or {@code +} when the cell continues on the next line.
     */
    private static void appendLines(StringBuilder out, List<List<String>> cells, int[] widths, List<Boolean> numeric) {
        boolean header = numeric == null;
        int height = 1;
        for (List<String> lines : cells) height = Math.max(height, lines.size());
        int last = cells.size() - 1;
        for (int line = 0; line < height; line++) {
            out.append(' ');
            for (int c = 0; c <= last; c++) {
                List<String> lines = cells.get(c);
                String text = line < lines.size() ? lines.get(line) : "";
                boolean more = line < lines.size() - 1;
                int pad = widths[c] - width(text);
                if (header) {
                    out.repeat(' ', pad / 2).append(text).repeat(' ', pad - pad / 2);
                } else if (numeric.get(c)) {
                    out.repeat(' ', pad).append(text);
                } else {
                    out.append(text);
                    if (c < last || more) out.repeat(' ', pad);
                }
                if (c < last) {
                    out.append(more ? '+' : ' ').append("| ");
                } else if (header || more) {
                    out.append(more ? '+' : ' ');
                }
            }
            out.append('\n');
        }
    }

    private static int maxWidth(List<String> lines, int atLeast) {
        int max = atLeast;
        for (String line : lines) max = Math.max(max, width(line));
        return max;
    }

    /** A value's lines, made printable: NULL is one empty line. */
    static List<String> displayLines(String value) {
        List<String> lines = new ArrayList<>();
        if (value == null) {
            lines.add("");
            return lines;
        }
        StringBuilder line = new StringBuilder();
        int column = 0;
        for (int i = 0; i < value.length(); ) {
            int cp = value.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\n') {
                lines.add(line.toString());
                line.setLength(0);
                column = 0;
            } else if (cp == '\t') {
                int spaces = 8 - column % 8;
                line.repeat(' ', spaces);
                column += spaces;
            } else if (cp == '\r') {
                line.append("\\r");
                column += 2;
            } else if (Character.isISOControl(cp)) {
                line.append(String.format("\\x%02x", cp));
                column += 4;
            } else {
                line.appendCodePoint(cp);
                column += Math.max(0, WCWidth.wcwidth(cp));
            }
        }
        lines.add(line.toString());
        return lines;
    }

    /** Display columns taken by printable text. */
    static int width(String text) {
        int width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            width += Math.max(0, WCWidth.wcwidth(cp));
        }
        return width;
    }
}
