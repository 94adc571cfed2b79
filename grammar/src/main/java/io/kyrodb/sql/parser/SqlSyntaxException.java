package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Pos;

/**
 * SQL text that does not parse. {@link #getMessage()} is the full text: what is wrong, then the
 * statement's line with a caret under the offending token. The engine reports it as 42601.
 */
public final class SqlSyntaxException extends RuntimeException {
    private final Pos pos;
    private final String reason;
    private final String sqlState;

    public SqlSyntaxException(String reason, String sql, Pos pos) {
        this(reason, sql, pos, "42601");
    }

    /** Text the grammar reads but Postgres rejects with another SQLSTATE (e.g. 22P02 for {@code vector('a')}). */
    public SqlSyntaxException(String reason, String sql, Pos pos, String sqlState) {
        super(SourceSnippet.annotate(reason, sql, pos));
        this.reason = reason;
        this.pos = pos;
        this.sqlState = sqlState;
    }

    /** The SQLSTATE to report: 42601 unless the constructor said otherwise. */
    public String sqlState() {
        return sqlState;
    }

    public Pos pos() {
        return pos;
    }

    /** The first line of the message, without the snippet. */
    public String reason() {
        return reason;
    }
}
