package io.kyrodb.sql.ast;

/** A place in SQL text: 1-based line and column, and the 0-based character offset. */
public record Pos(int line, int column, int offset) {
    public static final Pos NONE = new Pos(0, 0, -1);

    public boolean isKnown() {
        return offset >= 0;
    }
}
