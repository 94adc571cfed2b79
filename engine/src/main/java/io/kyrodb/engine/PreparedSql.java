package io.kyrodb.engine;

import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.ParsedStatement;

import java.util.List;

/**
 * A parsed statement with {@code ?} parameters. It is bound against the catalog at its first run
 * and keeps that plan while the catalog, the session's settings, the statistics it was planned
 * with and the Java types of its context-free parameters stay the same ({@link PlanCache}).
 * Statements prepared again with the same text in the same session share the parse and the plan
 * ({@link StatementCache}). Used by one session's thread at a time.
 */
public final class PreparedSql {
    private final Session session;
    private final ParsedStatement parsed;
    private final String sql;
    /** The statement's last plan; shared with the session's {@link StatementCache} entry for the same text. */
    private final PlanCache cache;

    PreparedSql(Session session, ParsedStatement parsed, String sql, PlanCache cache) {
        this.session = session;
        this.parsed = parsed;
        this.sql = sql;
        this.cache = cache != null ? cache : new PlanCache();
    }

    /** The statement parsed. */
    io.kyrodb.sql.ast.Statement statement() {
        return parsed.statement();
    }

    public int parameterCount() {
        return parsed.parameterCount();
    }

    /** Whether the statement returns rows. */
    public boolean isQuery() {
        return parsed.statement() instanceof Statement.Query || parsed.statement() instanceof Statement.Show
                || parsed.statement() instanceof Statement.Explain || returnsChangedRows()
                || parsed.statement() instanceof Statement.FetchCursor f && !f.move();
    }

    /** Whether the statement is INSERT, UPDATE or DELETE ... RETURNING, or a query whose WITH clause writes. */
    public boolean returnsChangedRows() {
        return switch (parsed.statement()) {
            case Statement.Insert i -> !i.returning().isEmpty();
            case Statement.Update u -> !u.returning().isEmpty();
            case Statement.Delete d -> !d.returning().isEmpty();
            // a query whose WITH clause writes: finding its columns by running it would write
            case Statement.With w -> w.modifies();
            case Statement.WithStatement w -> w.body() instanceof Statement.Insert i ? !i.returning().isEmpty()
                    : w.body() instanceof Statement.Update u ? !u.returning().isEmpty()
                    : w.body() instanceof Statement.Delete d && !d.returning().isEmpty();
            default -> false;
        };
    }

    /**
     * Runs with the given parameter values (Java objects: Number, String, Boolean, BigDecimal or
     * null; converted to the parameter's inferred type, with 22P02/22003 on bad values).
     */
    public ExecResult execute(Object[] parameters) {
        return run(parameters);
    }

    ExecResult run(Object[] parameters) {
        if (parameters.length != parsed.parameterCount()) {
            throw new KyroException(SqlState.WRONG_PARAMETER_COUNT, "statement has " + parsed.parameterCount()
                    + " parameter(s) but " + parameters.length + " value(s) were supplied");
        }
        return session.run(parsed.statement(), sql, parameters, cache);
    }

    /** The result columns when {@link #isQuery()}, else empty. Binds with NULL parameters if not bound yet. */
    public List<ResultColumn> resultColumns() {
        if (!isQuery() || returnsChangedRows()) {
            // Finding a RETURNING list's columns this way would run the write: they are known once it ran.
            return List.of();
        }
        if (parsed.statement() instanceof Statement.Explain) {
            return Explain.COLUMNS;   // known without planning (or, with ANALYZE, running) the statement
        }
        if (parsed.statement() instanceof Statement.FetchCursor f) {
            return session.cursorColumns(f.cursor());   // the cursor's, without moving it
        }
        return ((ExecResult.Rows) run(new Object[parsed.parameterCount()])).columns();
    }
}
