package io.kyrodb.engine.binder;

import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code SELECT id, unnest(tags) FROM posts}: a set-returning function in the select list, as
 * Postgres 10+ runs it (one row per element, several unnests side by side, a NULL or empty array
 * giving no row), rewritten to an {@code unnest} in FROM over the items before it:
 * {@code SELECT id, u.u0 FROM posts, unnest(tags) AS "unnest*"(u0)}; {@code generate_series(a, b [, c])}
 * items join the same unnest as the array of their values, and so do jsonb's one-column functions
 * ({@code jsonb_array_elements[_text]}, {@code jsonb_object_keys}, {@code jsonb_path_query}). Only where that is the same
 * query: top-level {@code unnest(one argument)} items, no {@code *}, no GROUP BY, HAVING,
 * aggregates or window functions (there Postgres unnests after them) and no set-returning call
 * inside an expression; otherwise {@link SelectListSrfs} runs them.
 */
final class SelectListUnnest {
    static final String ALIAS = "unnest*";

    private SelectListUnnest() {
    }

    static Statement.Select rewrite(Statement.Select select) {
        boolean any = false;
        for (Statement.SelectItem item : select.items()) {
            if (item instanceof Statement.AllColumns) {
                return select;
            }
            if (item instanceof Statement.SelectExpression e) {
                if (isUnnest(e.expr()) && mentionsSetReturning(((Expr.FunctionCall) e.expr()).arguments())) {
                    return select;   // nested: generate_series(1, generate_series(1, 3)) runs in SelectListSrfs
                }
                if (isUnnest(e.expr())) {
                    any = true;
                } else if (SelectBinder.containsAggregate(e.expr()) || mentionsSetReturning(e.expr())) {
                    return select;   // SelectListSrfs runs them all side by side
                }
            }
        }
        if (!any || !select.groupBy().isEmpty() || select.having() != null || WindowCalls.any(select)) {
            return select;
        }
        List<Expr> arrays = new ArrayList<>();
        List<String> columns = new ArrayList<>();
        List<Statement.SelectItem> items = new ArrayList<>();
        for (Statement.SelectItem item : select.items()) {
            if (item instanceof Statement.SelectExpression e && isUnnest(e.expr())) {
                Expr.FunctionCall call = (Expr.FunctionCall) e.expr();
                String column = "u" + arrays.size();
                boolean whole = SeriesBinding.isSeries(call) || SetReturningFunction.isJsonbSelectItem(call);
                arrays.add(whole ? call : call.arguments().get(0));   // SetReturningFunction binds these as their arrays
                columns.add(column);
                items.add(new Statement.SelectExpression(e.pos(), new Expr.ColumnRef(call.pos(), ALIAS, column),
                        e.alias() != null ? e.alias() : call.name()));
            } else {
                items.add(item);
            }
        }
        List<FromItem> from = new ArrayList<>(select.from());
        from.add(new FromItem.FunctionCall(select.pos(), "unnest", List.copyOf(arrays), ALIAS, List.copyOf(columns)));
        return new Statement.Select(select.pos(), select.distinct(), List.copyOf(items), List.copyOf(from),
                select.where(), select.groupBy(), select.having(), select.orderBy(), select.limit(), select.offset());
    }

    /** Whether a set-returning call is somewhere in {@code node} (an expression's parts), not counting subqueries. */
    static boolean mentionsSetReturning(Object node) {
        if (node instanceof Expr.FunctionCall f && SelectListSrfs.isSetReturning(f)) {
            return true;
        }
        if (node instanceof Statement.Query) {
            return false;
        }
        if (node instanceof java.util.List<?> list) {
            return list.stream().anyMatch(SelectListUnnest::mentionsSetReturning);
        }
        if (node instanceof Record r) {
            for (java.lang.reflect.RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    if (mentionsSetReturning(c.getAccessor().invoke(r))) {
                        return true;
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return false;
    }

    private static boolean isUnnest(Expr e) {
        return (e instanceof Expr.FunctionCall f && f.name().equals("unnest") && f.arguments().size() == 1
                && !f.distinct() && !f.star()) || SeriesBinding.isSeries(e) || SetReturningFunction.isJsonbSelectItem(e);
    }
}
