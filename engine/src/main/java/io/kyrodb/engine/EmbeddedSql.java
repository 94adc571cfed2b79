package io.kyrodb.engine;

import io.kyrodb.engine.binder.Variables;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.plpgsql.SqlRunner;
import io.kyrodb.engine.txn.Transaction;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * A session's side of PL/pgSQL ({@link SqlRunner}): embedded statements run in the session's
 * running transaction, exception blocks take savepoints in it, RAISE NOTICE goes where the
 * session's notices go (the JDBC statement's warnings).
 */
final class EmbeddedSql implements SqlRunner {
    private final Session session;

    EmbeddedSql(Session session) {
        this.session = session;
    }

    @Override
    public Result run(Statement statement, String sql, Object[] parameters, Object cache, Variables variables) {
        ExecResult r = session.runEmbedded(statement, sql, parameters, (PlanCache) cache, variables);
        if (r instanceof ExecResult.Rows rows) {
            try (rows) {
                List<Object[]> all = new ArrayList<>();
                for (Object[] row; (row = rows.next()) != null; ) {
                    all.add(row);
                }
                long count = rows.changedCount() >= 0 ? rows.changedCount() : all.size();
                return new Result(rows.columns(), all, count);
            }
        }
        return new Result(List.of(), List.of(), ((ExecResult.Count) r).count());
    }

    @Override
    public ExecResult.Rows open(Statement statement, String sql, Object[] parameters, Object cache, Variables variables) {
        ExecResult r = session.runEmbedded(statement, sql, parameters, (PlanCache) cache, variables, 0);
        if (r instanceof ExecResult.Rows rows) {
            return rows;
        }
        String verb = sql.strip().split("\\s+", 2)[0].toUpperCase(java.util.Locale.ROOT);
        throw new KyroException(SqlState.INVALID_CURSOR_DEFINITION, "cannot open " + verb + " query as cursor");
    }

    @Override
    public io.kyrodb.engine.cursor.Portals portals() {
        return session.portals();
    }

    @Override
    public void callEnded() {
        if (session.transaction() == null) {
            session.portals().transactionEnded(false);
        }
    }

    @Override
    public Object newPlanCache() {
        return new PlanCache();
    }

    @Override
    public Catalog catalog() {
        return session.currentCatalog();
    }

    @Override
    public List<String> searchPath() {
        return session.searchPathNow();
    }

    @Override
    public void notice(String message) {
        session.notice(message);
    }

    @Override
    public void savepoint(String name) {
        Transaction t = session.transaction();
        if (t != null) {
            t.savepoint(name);
        }
    }

    @Override
    public void rollbackTo(String name) {
        Transaction t = session.transaction();
        if (t != null && t.hasSavepoint(name)) {
            t.rollbackTo(name);
        }
    }

    @Override
    public void release(String name) {
        Transaction t = session.transaction();
        if (t != null && t.hasSavepoint(name)) {
            t.release(name);
        }
    }

    @Override
    public void checkCancel() {
        session.checkCanceled();
    }
}
