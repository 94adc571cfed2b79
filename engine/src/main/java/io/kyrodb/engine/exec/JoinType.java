package io.kyrodb.engine.exec;

/**
 * Which rows of a join's inputs survive without a partner, extended with NULLs: none (INNER), the
 * left input's (LEFT), the right input's (RIGHT) or both (FULL).
 */
public enum JoinType {
    INNER, LEFT, RIGHT, FULL;

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
        };
    }
}
