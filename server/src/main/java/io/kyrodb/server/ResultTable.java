package io.kyrodb.server;

import java.util.List;
import java.util.Objects;

/**
 * A result held whole, ready to print: query rows, or what a {@code \d} command found.
 *
 * @param title   a line centred above the table, or null
 * @param headers the column names
 * @param numeric per column, whether its values are numbers (printed right-aligned)
 * @param rows    the values as text; a null element is SQL NULL
 * @param footers lines printed under the table, such as {@code (3 rows)}
 */
record ResultTable(String title, List<String> headers, List<Boolean> numeric, List<List<String>> rows,
                   List<String> footers) {

    ResultTable {
        Objects.requireNonNull(headers);
        Objects.requireNonNull(numeric);
        Objects.requireNonNull(rows);
        Objects.requireNonNull(footers);
        if (numeric.size() != headers.size()) {
            throw new IllegalArgumentException(headers.size() + " headers but " + numeric.size() + " alignments");
        }
    }

    /** psql's row-count footer: {@code (1 row)}, {@code (0 rows)}, {@code (12 rows)}. */
    static String rowCount(long rows) {
        return rows == 1 ? "(1 row)" : "(" + rows + " rows)";
    }
}
