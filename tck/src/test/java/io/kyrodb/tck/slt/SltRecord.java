package io.kyrodb.tck.slt;

import java.util.List;

/**
 * One record of a sqllogictest script, with the line it starts on (its first non-comment line,
 * conditions included) and the {@code skipif}/{@code onlyif} conditions in front of it.
 */
public sealed interface SltRecord {

    int line();

    List<Condition> conditions();

    /**
     * {@code statement ok} ({@code expectError} false), {@code statement error} (any error) or
     * {@code statement error <SQLSTATE>} (exactly that SQLSTATE; {@code sqlState} null otherwise).
     */
    record Statement(int line, List<Condition> conditions, boolean expectError, String sqlState, String sql)
            implements SltRecord {
    }

    /**
     * {@code query <types> [sort] [label]}. {@code expected} holds the lines after {@code ----},
     * empty when the result is expected to be empty.
     */
    record Query(int line, List<Condition> conditions, String types, SortMode sortMode, String label,
                 String sql, List<String> expected) implements SltRecord {
    }

    /** {@code hash-threshold N}: results of more than N values are recorded as a hash. */
    record HashThreshold(int line, List<Condition> conditions, int threshold) implements SltRecord {
    }

    /** {@code halt}: ignore the rest of the script. */
    record Halt(int line, List<Condition> conditions) implements SltRecord {
    }

    /** {@code restart} (our addition): close the connection and reopen the same database. */
    record Restart(int line, List<Condition> conditions) implements SltRecord {
    }

    /**
     * {@code connection NAME} (our addition): the records after it run on the connection called
     * NAME, opened to the same database on first use; the records before the first one run on
     * {@code default}. Lets a script interleave transactions (lost update, write skew, snapshots).
     */
    record Connection(int line, List<Condition> conditions, String name) implements SltRecord {
    }

    /** The SQL a statement or query sends; empty for control records. */
    default String sql() {
        return "";
    }
}
