package io.kyrodb.engine.binder;

import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SELECT id, f(id) FROM t} where {@code f} is a set-returning PL/pgSQL function of one column
 * (RETURNS SETOF scalar, or TABLE of one column): one row per row of {@code f}'s, as PostgreSQL's
 * ProjectSet runs it, rewritten to {@code SELECT id, "srf*".v FROM t, f(id) AS "srf*"(v)} (the
 * call reads the earlier FROM items as {@link UserFunctionRows} lets it). Only where that is the same
 * query: one such item, at the top level, no other set-returning call, no aggregates, GROUP BY,
 * HAVING or window functions; anywhere else the call stays 42601.
 */
final class UserSetReturningItems {
    private static final String ALIAS = "srf*";

    private UserSetReturningItems() {
    }

    static Statement.Select rewrite(Binder binder, Statement.Select select) {
        if (binder.catalog().functions().isEmpty() || !select.groupBy().isEmpty() || select.having() != null
                || WindowCalls.any(select)) {
            return select;
        }
        int at = -1;
        for (int i = 0; i < select.items().size(); i++) {
            if (!(select.items().get(i) instanceof Statement.SelectExpression e)) {
                return select;   // a * would take the function's column too
            }
            if (isUserSetCall(binder, e.expr())) {
                if (at >= 0) {
                    return select;
                }
                at = i;
            } else if (SelectBinder.containsAggregate(e.expr()) || SelectListUnnest.mentionsSetReturning(e.expr())) {
                return select;
            }
        }
        if (at < 0) {
            return select;
        }
        Statement.SelectExpression item = (Statement.SelectExpression) select.items().get(at);
        Expr.FunctionCall call = (Expr.FunctionCall) item.expr();
        List<Statement.SelectItem> items = new ArrayList<>(select.items());
        items.set(at, new Statement.SelectExpression(item.pos(), new Expr.ColumnRef(call.pos(), ALIAS, "v"),
                item.alias() != null ? item.alias() : call.name()));
        List<FromItem> from = new ArrayList<>(select.from());
        from.add(new FromItem.FunctionCall(call.pos(), call.name(), call.arguments(), ALIAS, List.of("v")));
        return new Statement.Select(select.pos(), select.distinct(), List.copyOf(items), List.copyOf(from),
                select.where(), select.groupBy(), select.having(), select.orderBy(), select.limit(), select.offset(),
                select.distinctOn(), select.windows(), select.withTies(), select.locking());
    }

    /** A call of a name whose functions are all set-returning PL/pgSQL functions of one column. */
    private static boolean isUserSetCall(Binder binder, Expr e) {
        if (!(e instanceof Expr.FunctionCall f) || f.star() || f.distinct() || f.over() != null || f.filter() != null
                || f.withinGroup() || !f.orderBy().isEmpty()) {
            return false;
        }
        List<UserFunction> functions = UserFunctionCalls.named(binder, f.name(), f.pos());
        return !functions.isEmpty() && functions.stream().allMatch(u -> u.language().equals("plpgsql") && u.returnsSet()
                && (u.tableColumns().size() == 1 || (u.tableColumns().isEmpty() && u.returnType() != null
                && u.returnType().kind() != io.kyrodb.engine.types.TypeKind.RECORD)));
    }
}
