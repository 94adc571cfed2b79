package io.kyrodb.engine;

/**
 * The one exception the engine throws for anything a user can cause or see. The message names what
 * failed, the offending value and the limit; for SQL text it ends with the statement and a caret
 * under the offending position:
 * <pre>
 * column "nme" does not exist (did you mean "name"?)
 *   SELECT nme FROM t
 *          ^ line 1, column 8
 * </pre>
 * The driver turns it into the {@code java.sql} exception of its SQLSTATE class.
 */
public class KyroException extends RuntimeException {
    private final SqlState state;

    public KyroException(SqlState state, String message) {
        super(message);
        this.state = state;
    }

    public KyroException(SqlState state, String message, Throwable cause) {
        super(message, cause);
        this.state = state;
    }

    public SqlState state() {
        return state;
    }

    /**
     * The SQLSTATE to report: {@link #state()}'s, unless a subclass carries one the enum does not
     * list (PL/pgSQL's RAISE ... USING ERRCODE = '...').
     */
    public String sqlState() {
        return state.code();
    }

    /** Formats {@code ERROR 42703: message}, the way the shell prints it. */
    public String describe() {
        return "ERROR " + sqlState() + ": " + getMessage();
    }
}
