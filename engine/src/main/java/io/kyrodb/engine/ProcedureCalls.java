package io.kyrodb.engine;

import io.kyrodb.engine.binder.ProcedureCall;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Statement;

import java.util.List;

/**
 * CALL p(args): runs CREATE PROCEDURE's procedure in the session's transaction, as the query
 * {@code SELECT p(args)} (its result dropped) or, for a procedure with INOUT parameters,
 * {@code SELECT * FROM p(args)}, whose one row CALL returns as PostgreSQL does. The binder checks
 * that the call resolves to a procedure ({@link ProcedureCall}). A procedure's body cannot COMMIT
 * or ROLLBACK (2D000), as a function's cannot.
 */
final class ProcedureCalls {
    private ProcedureCalls() {
    }

    /** {@code variables}: a PL/pgSQL body's, when the CALL is one of its statements (else null). */
    static ExecResult run(Session session, Statement.Call c, String sql, Object[] parameters,
                          io.kyrodb.engine.binder.Variables variables) {
        Expr.FunctionCall call = c.call();
        Statement.Select select = withOutParameters(session, call.name())
                ? new Statement.Select(c.pos(), false, List.of(new Statement.AllColumns(c.pos(), null)),
                        List.of(new FromItem.FunctionCall(call.pos(), call.name(), call.arguments(), null, List.of())),
                        null, List.of(), null, List.of(), null, null)
                : new Statement.Select(c.pos(), false, List.of(new Statement.SelectExpression(c.pos(), call, null)),
                        List.of(), null, List.of(), null, List.of(), null, null);
        ProcedureCall.expect();
        ExecResult r;
        try {
            r = session.runEmbedded(select, sql, parameters, null, variables);
        } finally {
            ProcedureCall.clear();
        }
        if (select.from().isEmpty()) {
            if (r instanceof ExecResult.Rows rows) {
                try (rows) {
                    while (rows.next() != null) {
                        // runs the call; a procedure without INOUT parameters returns nothing
                    }
                }
            }
            return new ExecResult.Count(0);
        }
        return r;
    }

    /** Whether the procedures {@code name} finds (along the search_path) have INOUT parameters. */
    private static boolean withOutParameters(Session session, String name) {
        Catalog catalog = session.currentCatalog();
        int dot = name.indexOf('.');
        List<UserFunction> found = List.of();
        if (dot >= 0) {
            found = catalog.functions(SchemaNames.key(name.substring(0, dot), name.substring(dot + 1)));
        } else {
            for (String schema : session.searchPathNow()) {
                found = catalog.functions(SchemaNames.key(schema, name));
                if (!found.isEmpty()) {
                    break;
                }
            }
        }
        return !found.isEmpty() && found.stream().allMatch(f -> f.isProcedure() && f.outParameters());
    }
}
