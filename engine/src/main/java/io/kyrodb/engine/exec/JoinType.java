package io.kyrodb.engine.exec;

/**
 * Which rows of a join's inputs survive without a partner, extended with NULLs: none (INNER), the
 * left input's (LEFT), the right input's (RIGHT) or both (FULL). The last three come from
 * subqueries the decorrelation rule rewrote and return left rows only, each at most once: those
 * with a partner (SEMI, {@code EXISTS}/{@code IN}), those without (ANTI, {@code NOT EXISTS}), and
 * NOT IN's (NULL_AWARE_ANTI): none when the right input holds a NULL key, a NULL left key only when
 * the right input is empty.
 */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL, SEMI, ANTI, NULL_AWARE_ANTI;

    /** Whether only left rows come out (SEMI and the ANTI joins). */
    public boolean leftOnly() {
        return this == SEMI || this == ANTI || this == NULL_AWARE_ANTI;
    }

    public boolean preservesLeft() {
        return this == LEFT || this == FULL;
    }

    public boolean preservesRight() {
        return this == RIGHT || this == FULL;
    }

    /** The same join with its inputs swapped. */
    public JoinType swapped() {
        return switch (this) {
            case LEFT -> RIGHT;
            case RIGHT -> LEFT;
            default -> this;
        };
    }

    /** PostgreSQL's EXPLAIN word for it: {@code Hash Left Join}, {@code Nested Loop Full Join}. */
    String explainSuffix() {
        return switch (this) {
            case INNER -> "";
            case LEFT -> " Left";
            case RIGHT -> " Right";
            case FULL -> " Full";
            case SEMI -> " Semi";
            case ANTI, NULL_AWARE_ANTI -> " Anti";
        };
    }
}
