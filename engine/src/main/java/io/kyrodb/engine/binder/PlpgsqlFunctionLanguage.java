package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.UserFunctionExpr;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.parser.PlpgsqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * LANGUAGE plpgsql: CREATE FUNCTION checks the body's syntax ({@link PlpgsqlParser}, 42601 as
 * PostgreSQL reports it at CREATE); a call is a {@link UserFunctionExpr} the session's PL/pgSQL
 * interpreter ({@code engine.plpgsql}) runs for each row. RETURNS trigger functions (no return type)
 * are only run by triggers. Set-returning ones (RETURNS SETOF / TABLE) are called in FROM
 * ({@link UserFunctionRows}).
 */
final class PlpgsqlFunctionLanguage implements FunctionLanguage {
    @Override
    public String name() {
        return "plpgsql";
    }

    @Override
    public void validate(Binder binder, UserFunction function, Pos pos) {
        if (function.returnsTrigger() && !function.arguments().isEmpty()) {
            throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "trigger functions cannot have declared arguments",
                    pos);
        }
        io.kyrodb.sql.plpgsql.PlStatement.Block body;
        try {
            body = PlpgsqlParser.parse(function.body());
        } catch (SqlSyntaxException e) {
            throw new KyroException(SqlState.SYNTAX_ERROR, e.getMessage());
        }
        if (function.returnsSet() || function.returnsVoid() || function.outParameters()) {
            PlpgsqlChecks.returnWithoutValue(binder, body, function.returnsSet() ? "returning set"
                    : function.returnsVoid() ? "returning void" : "with OUT parameters", pos);
        }
        if (!function.returnsSet()) {
            PlpgsqlChecks.noSetReturns(binder, body, pos);
        }
    }

    @Override
    public Statement.Query call(UserFunction function, List<Expr> arguments, Pos pos) {
        throw new KyroException(SqlState.FEATURE_NOT_SUPPORTED, "PL/pgSQL function " + function.signature()
                + " cannot be called here");
    }

    @Override
    public BoundExpr bind(Binder binder, ExprBinder expressions, UserFunction function, List<Expr> arguments, Pos pos) {
        List<BoundExpr> bound = new ArrayList<>();
        for (int i = 0; i < arguments.size(); i++) {
            SqlType type = function.arguments().get(i).type();
            Expr a = arguments.get(i);
            bound.add(expressions.coerce(expressions.bind(a, type), type, a.pos()));
        }
        return new UserFunctionExpr(function, List.copyOf(bound), function.returnType(), binder.system());
    }
}
