package io.kyrodb.engine.exec;

/**
 * The row layout joins work on: every row below a join is as wide as the whole FROM clause, each
 * table's columns at that table's offset, the slots of tables not joined yet NULL. A join's two
 * inputs fill disjoint slots, so joining two rows is copying the right input's slots into the left
 * row, and extending a row with NULLs is the row itself. Expressions are therefore bound once,
 * against the FROM clause, and stay valid whatever order the planner joins the tables in.
 */
final class JoinRows {
    private JoinRows() {
    }

    /** {@code left} with the slots {@code rightSlots} taken from {@code right}; neither is changed. */
    static Object[] merge(Object[] left, Object[] right, int[] rightSlots) {
        Object[] out = left.clone();
        for (int i : rightSlots) {
            out[i] = right[i];
        }
        return out;
    }
}
