package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.ast.Statement;
import io.kyrodb.sql.ast.TypeName;
import io.kyrodb.sql.parser.ParsedStatement;
import io.kyrodb.sql.parser.SqlParser;
import io.kyrodb.sql.parser.SqlSyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * LANGUAGE sql: the body is one query (AS '...' / $$...$$, RETURN expr, or BEGIN ATOMIC query; END).
 * A call is that query over one row of its arguments: {@code SELECT (body LIMIT 1) FROM (SELECT
 * CAST(arg AS type) AS "$1", ... AS name, ...) AS "$args"}, so {@code $n} and the parameters'
 * names read the arguments and a column of the body's own FROM wins over a parameter of the same
 * name (as in PostgreSQL). A scalar function returns the first row's value, cast to its return
 * type; a set-returning one (SETOF, TABLE) all rows. STRICT: NULL (no rows) when an argument is.
 */
final class SqlFunctionLanguage implements FunctionLanguage {
    /** The derived table holding a call's arguments; no SQL identifier a user writes unquoted. */
    static final String ARGS = "$args";

    @Override
    public String name() {
        return "sql";
    }

    @Override
    public void validate(Binder binder, UserFunction function, Pos pos) {
        List<Expr> nulls = new ArrayList<>();
        for (UserFunction.Argument a : function.arguments()) {
            nulls.add(new Expr.Cast(pos, new Expr.Literal(pos, Expr.LiteralKind.NULL, null), typeName(a.type(), pos)));
        }
        Statement.Query body = body(function, binder, pos);
        QueryPlan plan;
        try {
            plan = SetOperationBinder.bind(binder, wrap(function, body, nulls, pos, false), null);
        } catch (KyroException e) {
            throw e;
        }
        if (function.returnsSet() || function.tableColumns().size() > 1) {   // or a row of OUT parameters
            List<io.kyrodb.engine.ResultColumn> columns = plan.columns();
            int expected = function.tableColumns().isEmpty() ? 1 : function.tableColumns().size();
            if (columns.size() != expected && !(function.returnType() != null && function.returnType().kind() == TypeKind.RECORD)) {
                throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "return type mismatch in function declared to"
                        + " return " + returnText(function) + ": final statement returns " + columns.size()
                        + " column" + (columns.size() == 1 ? "" : "s"), pos);
            }
            for (int i = 0; i < columns.size() && i < expected; i++) {
                SqlType want = function.tableColumns().isEmpty() ? function.returnType() : function.tableColumns().get(i).type();
                checkType(binder, function, columns.get(i).type(), want, pos);
            }
            return;
        }
        QueryPlan inner = SetOperationBinder.bind(binder, wrap(function, body, nulls, pos, true), null);
        if (inner.columns().size() != 1 && function.returnType().kind() != TypeKind.RECORD) {
            throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "return type mismatch in function declared to"
                    + " return " + returnText(function) + ": final statement must return exactly one column", pos);
        }
        checkType(binder, function, inner.columns().get(0).type(), function.returnType(), pos);
    }

    private static void checkType(Binder binder, UserFunction function, SqlType got, SqlType want, Pos pos) {
        if (want.kind() == TypeKind.RECORD || got.kind() == TypeKind.UNKNOWN || got.kind() == want.kind()) {
            return;
        }
        if (!Casts.assignable(got, want)) {
            throw binder.error(SqlState.INVALID_FUNCTION_DEFINITION, "return type mismatch in function declared to"
                    + " return " + returnText(function) + ": final statement returns " + UserFunction.typeName(got)
                    + " instead of " + UserFunction.typeName(want), pos);
        }
    }

    private static String returnText(UserFunction f) {
        return f.returnType() == null ? "record" : UserFunction.typeName(f.returnType());
    }

    @Override
    public Statement.Query call(UserFunction function, List<Expr> arguments, Pos pos) {
        return wrap(function, body(function, null, pos), arguments, pos, false);
    }

    /**
     * The call's query. {@code bodyOnly}: SELECT the body's own columns over the arguments (what
     * CREATE FUNCTION checks the return type on) rather than the cast scalar value.
     */
    private static Statement.Query wrap(UserFunction f, Statement.Query body, List<Expr> arguments, Pos pos,
                                        boolean bodyOnly) {
        List<Statement.SelectItem> args = new ArrayList<>();
        Expr strict = null;
        for (int i = 0; i < arguments.size(); i++) {
            UserFunction.Argument a = f.arguments().get(i);
            Expr value = new Expr.Cast(pos, arguments.get(i), typeName(a.type(), pos));
            args.add(new Statement.SelectExpression(pos, value, "$" + (i + 1)));
            if (a.name() != null) {
                args.add(new Statement.SelectExpression(pos, value, a.name()));
            }
            if (f.strict()) {
                Expr notNull = new Expr.IsNull(pos, new Expr.ColumnRef(pos, ARGS, "$" + (i + 1)), true);
                strict = strict == null ? notNull : new Expr.Binary(pos, Expr.BinaryOp.AND, strict, notNull);
            }
        }
        if (args.isEmpty()) {
            args.add(new Statement.SelectExpression(pos, new Expr.Literal(pos, Expr.LiteralKind.NULL, null), "$0"));
        }
        Statement.Select argsRow = new Statement.Select(pos, false, args, List.of(), null, List.of(), null, List.of(),
                null, null);
        FromItem argsItem = new Statement.DerivedTable(pos, argsRow, ARGS, List.of(), false);
        Statement.Query first = body instanceof Statement.Select s && s.limit() == null
                ? s.withTail(s.orderBy(), new Expr.Literal(pos, Expr.LiteralKind.INTEGER, "1"), s.offset(), false, s.locking())
                : body;
        if (f.returnsSet() || bodyOnly || f.tableColumns().size() > 1) {   // OUT parameters: their one row
            String alias = "$rows";
            // named after the result's columns, so body columns of one label ("?column?") stay apart
            List<String> names = bodyOnly ? List.of() : f.tableColumns().stream().map(c -> c.name()).toList();
            FromItem rows = new Statement.DerivedTable(pos, f.returnsSet() || bodyOnly ? body : first, alias, names,
                    true);
            FromItem join = new FromItem.Join(pos, FromItem.JoinType.CROSS, argsItem, rows, null, List.of(), false);
            return new Statement.Select(pos, false, List.of(new Statement.AllColumns(pos, alias)), List.of(join), strict,
                    List.of(), null, List.of(), null, null);
        }
        Expr value = new Expr.Cast(pos, new Expr.Subquery(pos, first), typeName(f.returnType(), pos));
        if (f.returnType().kind() == TypeKind.RECORD) {
            value = new Expr.Subquery(pos, first);
        }
        return new Statement.Select(pos, false, List.of(new Statement.SelectExpression(pos, value, f.name())),
                List.of(argsItem), strict, List.of(), null, List.of(), null, null);
    }

    /** The body as a query over {@link #ARGS}; 42601 for a syntax error, 42P13 for what a SQL function cannot hold. */
    static Statement.Query body(UserFunction f, Binder binder, Pos pos) {
        String text = f.body();
        if (f.standardBody()) {
            text = text.startsWith("RETURN ") ? "SELECT " + text.substring("RETURN ".length())
                    : text.substring("BEGIN ATOMIC".length(), text.length() - "END".length());
        }
        List<ParsedStatement> statements;
        try {
            statements = SqlParser.parseScript(SqlParser.qualifyParameters(text, ARGS));
        } catch (SqlSyntaxException e) {
            throw new KyroException(SqlState.SYNTAX_ERROR, "in the body of function " + f.name() + ": " + e.getMessage());
        }
        if (statements.size() != 1 || !(statements.get(0).statement() instanceof Statement.Query q)) {
            throw new KyroException(SqlState.INVALID_FUNCTION_DEFINITION, "the body of SQL function " + f.name()
                    + " must be one query (KyroDB runs SQL functions that return a query's result)");
        }
        return q;
    }

    /** A type as the parser writes it, for the casts a call is built of. */
    static TypeName typeName(SqlType type, Pos pos) {
        Expr e = SqlParser.parseExpression("NULL::" + type.displayName());
        TypeName t = ((Expr.Cast) e).type();
        return new TypeName(pos, t.name(), t.arguments());
    }
}
