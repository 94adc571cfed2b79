package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;

import java.util.List;

/**
 * A language CREATE FUNCTION ... LANGUAGE name takes: found by its name ({@link FunctionLanguages});
 * one implementation per language. CREATE FUNCTION asks it to check a definition; a call asks it
 * for the query that computes the call's result over a row of the arguments (so a call is bound,
 * planned and run as a correlated subquery, or a derived table in FROM).
 */
interface FunctionLanguage {
    /** The name LANGUAGE gives (lower case). */
    String name();

    /** CREATE FUNCTION: errors in {@code function}'s body (42601, 42P13 ...), bound as {@code binder} binds. */
    void validate(Binder binder, UserFunction function, Pos pos);

    /**
     * The query a call of {@code function} with {@code arguments} (one per parameter, in order,
     * defaults filled in) stands for: one row with the value of a scalar function, the rows of a
     * set-returning one.
     */
    Statement.Query call(UserFunction function, List<Expr> arguments, Pos pos);

    /**
     * A call in an expression as this language evaluates it itself (PL/pgSQL's interpreter), or
     * null (the default) for {@link #call}'s query.
     */
    default io.kyrodb.engine.expr.BoundExpr bind(Binder binder, ExprBinder expressions, UserFunction function,
                                                 List<Expr> arguments, Pos pos) {
        return null;
    }
}
