package io.kyrodb.engine;

import io.kyrodb.engine.cursor.Portal;
import io.kyrodb.engine.cursor.Portals;
import io.kyrodb.engine.txn.Transaction;
import io.kyrodb.sql.ast.Statement;

import java.util.List;

/**
 * SQL's cursor statements for one session: DECLARE, FETCH, MOVE and CLOSE, over the session's
 * {@link Portals} (shared with PL/pgSQL's OPEN). DECLARE starts the query at once, with the snapshot
 * a query would take then ({@link Session#query}): in a transaction that has not written, its rows
 * stream as FETCH reads them (none is computed at DECLARE); in one that has, they are
 * computed in full at DECLARE, since they must not see the transaction's later writes. Each runs as a
 * statement of the session's transaction. Used on the session's thread.
 */
final class SqlCursors {
    private final Session session;
    private final Portals portals;

    SqlCursors(Session session, Portals portals) {
        this.session = session;
        this.portals = portals;
    }

    ExecResult run(Transaction t, Statement statement, String sql, Object[] parameters) {
        return switch (statement) {
            case Statement.DeclareCursor d -> declare(t, d, sql, parameters);
            case Statement.FetchCursor f -> fetch(f);
            case Statement.CloseCursor c -> {
                if (c.name() == null) {
                    portals.closeAll();
                } else {
                    portals.close(c.name());
                }
                yield new ExecResult.Count(0);
            }
            default -> throw new IllegalArgumentException(statement.getClass().getName());
        };
    }

    /** Whether {@code statement} is one of the cursor statements {@link #run} takes. */
    static boolean handles(Statement statement) {
        return statement instanceof Statement.DeclareCursor || statement instanceof Statement.FetchCursor
                || statement instanceof Statement.CloseCursor;
    }

    /**
     * DECLARE: PostgreSQL's checks in its order (a data-modifying WITH, then a locking clause with
     * WITH HOLD, SCROLL or INSENSITIVE; outside a transaction block without WITH HOLD 25P01; a name in
     * use 42P03), then the query starts and the cursor opens.
     */
    private ExecResult declare(Transaction t, Statement.DeclareCursor d, String sql, Object[] parameters) {
        if (d.query() instanceof Statement.With w && w.modifies()) {
            throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED,
                    "DECLARE CURSOR must not contain data-modifying statements in WITH");
        }
        Statement.Locking locking = RowLocking.of(d.query());
        if (locking != null) {
            String clause = "FOR " + locking.strength().name().replace('_', ' ');
            if (d.hold()) {
                throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED, "DECLARE CURSOR WITH HOLD ... " + clause
                        + " is not supported\n  Detail: Holdable cursors must be READ ONLY.");
            }
            if (Boolean.TRUE.equals(d.scroll())) {
                throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED, "DECLARE SCROLL CURSOR ... " + clause
                        + " is not supported\n  Detail: Scrollable cursors must be READ ONLY.");
            }
            if (d.insensitive()) {
                throw new KyroException(SqlState.INVALID_CURSOR_DEFINITION, "DECLARE INSENSITIVE CURSOR ... " + clause
                        + " is not valid\n  Detail: Insensitive cursors must be READ ONLY.");
            }
        }
        if (!d.hold() && !t.explicit()) {
            throw new KyroException(SqlState.NO_ACTIVE_TRANSACTION, "DECLARE CURSOR can only be used in transaction blocks");
        }
        if (d.name().isEmpty()) {
            throw new KyroException(SqlState.INVALID_CURSOR_NAME, "invalid cursor name: must not be empty");
        }
        portals.checkUndeclared(d.name());
        ExecResult.Rows rows = (ExecResult.Rows) session.query(t, d.query(), sql, parameters, null, 0);
        portals.declare(new Portal(d.name(), sql.strip(), rows, Boolean.TRUE.equals(d.scroll()), d.hold(), d.binary()));
        return new ExecResult.Count(0);
    }

    /** FETCH returns its rows (read in full: fetch in batches to bound them); MOVE the rows it passed. */
    private ExecResult fetch(Statement.FetchCursor f) {
        Portal p = portals.get(f.cursor());
        if (f.move()) {
            return new ExecResult.Count(p.move(f.direction(), f.count()));
        }
        List<Object[]> rows = p.fetch(f.direction(), f.count());
        return new MaterializedRows(p.columns(), rows);
    }
}
