package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Pos;

/**
 * SQL text that does not parse. {@link #getMessage()} is the full text: what is wrong, then the
 * statement's line with a caret under the offending token. The engine reports it as 42601.
 */
public final class SqlSyntaxException extends RuntimeException {
    private final Pos pos;
    private final String reason;

    public SqlSyntaxException(String reason, String sql, Pos pos) {
        super(SourceSnippet.annotate(reason, sql, pos));
        this.reason = reason;
        this.pos = pos;
    }

    public Pos pos() {
        return pos;
    }

    /** The first line of the message, without the snippet. */
    public String reason() {
        return reason;
    }
}
