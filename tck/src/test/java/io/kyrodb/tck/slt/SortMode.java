package io.kyrodb.tck.slt;

import java.util.Locale;

/** How a query record's result is ordered before it is compared: see FORMAT.wiki. */
public enum SortMode {
    /** Rows as the engine returned them; for queries with ORDER BY or a single row. */
    NOSORT,
    /** Rows sorted by their rendered values, column by column, as strcmp() would. */
    ROWSORT,
    /** Every value sorted on its own, ignoring row boundaries. */
    VALUESORT;

    /** The mode named {@code word} in a query header, or null if the word names none. */
    static SortMode named(String word) {
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "nosort" -> NOSORT;
            case "rowsort" -> ROWSORT;
            case "valuesort" -> VALUESORT;
            default -> null;
        };
    }
}
