package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.catalog.system.SystemContext;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.BuiltinExpr;
import io.kyrodb.engine.expr.ContextBuiltin;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.types.SqlArray;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A PL/pgSQL function in FROM ({@code SELECT * FROM f(1) AS t(a, b)}, {@code FROM docs d, f(d.id)}):
 * the interpreter runs the call and its rows become the arrays of its columns that unnest's nodes
 * zip, so column aliases, WITH ORDINALITY, joins and the implicit LATERAL over earlier FROM items
 * work as for the built-in set-returning functions. RETURNS TABLE gives its columns, RETURNS SETOF
 * record those of the column definition list ({@code AS t(a int, b text)}, required as in
 * PostgreSQL), SETOF scalar and a scalar function one column named after the alias or the function.
 * The function runs once per evaluation (once, or once per row of the items it reads): the first
 * column's array calls it, the others read the rows that call left (see {@link Memo}).
 */
final class UserFunctionRows {
    private UserFunctionRows() {
    }

    /** The bound call, or null when no interpreted (plpgsql) user function has the name. */
    static SetReturningFunction.Bound bind(Binder binder, FromItem.FunctionCall call, Scope visible, ExprBinder outer) {
        if (call.name().equals(FromItem.FunctionCall.ROWS_FROM)) {
            return null;
        }
        List<UserFunction> candidates = UserFunctionCalls.named(binder, call.name(), call.pos());
        if (candidates.stream().noneMatch(f -> f.language().equals("plpgsql"))) {
            return null;
        }
        ExprBinder exprs = binder.expressions(visible, "functions in FROM", outer);
        UserFunctionCalls.Resolved r = UserFunctionCalls.resolve(binder, candidates, call.name(), call.arguments(),
                e -> exprs.bind(e, null).type(), call.pos());
        UserFunction f = r.function();
        if (!f.language().equals("plpgsql")) {
            return null;
        }
        ProcedureCall.check(binder, f, call.pos());
        if (f.returnsTrigger()) {
            throw binder.error(SqlState.FEATURE_NOT_SUPPORTED, "trigger functions can only be called as triggers",
                    call.pos());
        }
        if (call.ordinality()) {
            FromItem.FunctionCall plain = new FromItem.FunctionCall(call.pos(), call.name(), call.arguments(),
                    call.alias(), List.of(), false, call.columnTypes());
            return bind(binder, plain, visible, outer).withOrdinality(call);
        }
        List<BoundExpr> arguments = new ArrayList<>();
        for (int i = 0; i < r.arguments().size(); i++) {
            SqlType type = f.arguments().get(i).type();
            Expr a = r.arguments().get(i);
            arguments.add(exprs.coerce(exprs.bind(a, type), type, a.pos()));
        }
        boolean record = f.returnType() != null && f.returnType().kind() == TypeKind.RECORD && f.tableColumns().isEmpty();
        if (!call.columnTypes().isEmpty() && !record) {
            throw binder.error(SqlState.SYNTAX_ERROR, "a column definition list is only allowed for functions returning"
                    + " \"record\"", call.pos());
        }
        List<String> names = new ArrayList<>();
        List<SqlType> types = new ArrayList<>();
        if (!f.tableColumns().isEmpty()) {
            for (Column c : f.tableColumns()) {
                names.add(c.name());
                types.add(c.type());
            }
        } else if (record) {
            if (call.columnTypes().isEmpty()) {
                throw binder.error(SqlState.SYNTAX_ERROR, "a column definition list is required for functions returning"
                        + " \"record\" (write " + call.name() + "(...) AS x(a integer, b text))", call.pos());
            }
            names.addAll(call.columns());
            for (io.kyrodb.sql.ast.TypeName t : call.columnTypes()) {
                types.add(binder.resolveType(t));
            }
        } else {
            names.add(call.alias() != null ? call.alias() : call.name());
            types.add(f.returnType());
        }
        if (call.columnTypes().isEmpty() && call.columns().size() > names.size()) {
            throw binder.error(SqlState.INVALID_COLUMN_REFERENCE, "table \"" + (call.alias() != null ? call.alias()
                    : call.name()) + "\" has " + names.size() + " columns available but " + call.columns().size()
                    + " columns specified", call.pos());
        }
        List<Column> columns = new ArrayList<>();
        List<BoundExpr> arrays = new ArrayList<>();
        Memo memo = new Memo();
        List<SqlType> rowTypes = List.copyOf(types);
        for (int i = 0; i < names.size(); i++) {
            String name = i < call.columns().size() ? call.columns().get(i) : names.get(i);
            columns.add(new Column(name, types.get(i), false));
            arrays.add(new BuiltinExpr(new Call(f, rowTypes, binder.system(), i, memo), List.copyOf(arguments),
                    SqlType.arrayOf(types.get(i))));
        }
        return SetReturningFunction.bound(call, columns, arrays);
    }

    /**
     * The rows the first column's call left, for the other columns of the same evaluation: the
     * same thread, execution and argument values right after it. A miss (another thread shares
     * the plan) calls the function again, so a miss is never a wrong answer.
     */
    static final class Memo {
        private record Entry(Thread thread, EvalContext ctx, Object[] arguments, List<Object[]> rows) {
        }

        private volatile Entry last;
    }

    /** Column {@code column} of {@code function}'s rows, as an array. */
    private record Call(UserFunction function, List<SqlType> columns, SystemContext session, int column, Memo memo)
            implements ContextBuiltin {
        @Override
        public boolean strict() {
            return false;
        }

        @Override
        public Object apply(Object[] args, SqlType resultType, EvalContext ctx) {
            Memo.Entry e = memo.last;
            List<Object[]> rows;
            if (column > 0 && e != null && e.thread() == Thread.currentThread() && e.ctx() == ctx
                    && Arrays.equals(e.arguments(), args)) {
                rows = e.rows();
            } else {
                rows = call(args);
                if (columns.size() > 1) {
                    memo.last = new Memo.Entry(Thread.currentThread(), ctx, args, rows);
                }
            }
            Object[] values = new Object[rows.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = rows.get(i)[column];
            }
            return SqlArray.of(values);
        }

        private List<Object[]> call(Object[] args) {
            if (function.strict()) {
                for (Object a : args) {
                    if (a == null) {
                        return function.returnsSet() ? List.of() : java.util.Collections.singletonList(new Object[1]);
                    }
                }
            }
            if (!function.returnsSet() && !function.outParameters()) {
                return java.util.Collections.singletonList(new Object[]{session.calls().callFunction(function, args)});
            }
            return session.calls().callSetFunction(function, args, columns);
        }
    }
}
