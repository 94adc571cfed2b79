package io.kyrodb.engine.plpgsql;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

/**
 * An error PL/pgSQL raised (RAISE EXCEPTION, or one of its own errors) with any SQLSTATE, also
 * one {@link SqlState} does not list ({@code USING ERRCODE = '22P99'}). Its message is the
 * RAISE's, with DETAIL and HINT lines as PostgreSQL's clients print them.
 */
public final class RaisedException extends KyroException {
    private final String code;
    private final String text;
    private final String detail;
    private final String hint;

    public RaisedException(String code, String message, String detail, String hint) {
        super(stateOf(code), message + (detail == null ? "" : "\n  Detail: " + detail)
                + (hint == null ? "" : "\n  Hint: " + hint));
        this.code = code;
        this.text = message;
        this.detail = detail;
        this.hint = hint;
    }

    /** USING DETAIL's text, or null (GET STACKED DIAGNOSTICS ... PG_EXCEPTION_DETAIL). */
    public String detail() {
        return detail;
    }

    /** USING HINT's text, or null. */
    public String hint() {
        return hint;
    }

    @Override
    public String sqlState() {
        return code;
    }

    /** The message alone (SQLERRM). */
    public String text() {
        return text;
    }

    private static SqlState stateOf(String code) {
        for (SqlState s : SqlState.values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        return SqlState.RAISE_EXCEPTION;
    }
}
