package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.UnnestNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.types.TypeKind;
import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.FromItem;

import java.util.ArrayList;
import java.util.List;

/**
 * Binds a set-returning function in FROM: {@code unnest(array [, array ...]) [AS] alias [(columns)]}.
 * Its arguments may read parameters, enclosing queries and, in a comma list, the FROM items before
 * it (Postgres's implicit LATERAL). One array gives one column named after the alias (else
 * {@code unnest}); several give one column each.
 */
final class SetReturningFunction {
    /** {@code lateral}: the arrays read other FROM items' columns (the plan is then unused: see JoinTree.Lateral). */
    record Bound(Table table, PlanNode plan, List<BoundExpr> arrays, boolean lateral) {
    }

    private SetReturningFunction() {
    }

    static Bound bind(Binder binder, FromItem.FunctionCall call, Scope visible, ExprBinder outer) {
        if (!call.name().equals("unnest")) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function " + call.name()
                    + " is not a set-returning function KyroDB knows in FROM (only unnest)", call.pos());
        }
        if (call.arguments().isEmpty()) {
            throw binder.error(SqlState.UNDEFINED_FUNCTION, "function unnest() does not exist", call.pos());
        }
        ExprBinder exprs = binder.expressions(visible, "functions in FROM", outer);
        List<BoundExpr> arrays = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < call.arguments().size(); i++) {
            Expr a = call.arguments().get(i);
            BoundExpr b = exprs.bind(a, null);
            if (b.type().kind() == TypeKind.UNKNOWN) {
                throw binder.error(SqlState.INDETERMINATE_DATATYPE, "could not determine polymorphic type because input"
                        + " has type unknown", a.pos());
            }
            if (!b.type().isArray()) {
                throw binder.error(SqlState.UNDEFINED_FUNCTION, "function unnest(" + b.type().displayName()
                        + ") does not exist", call.pos());
            }
            arrays.add(b);
            String name = i < call.columns().size() ? call.columns().get(i)
                    : call.arguments().size() == 1 && call.alias() != null ? call.alias() : "unnest";
            columns.add(new Column(name, b.type().element(), false));
        }
        if (call.columns().size() > columns.size()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "too many column aliases specified for function unnest",
                    call.pos());
        }
        boolean lateral = false;
        for (BoundExpr a : arrays) {
            boolean[] reads = {false};
            ExprTree.forEach(a, e -> reads[0] |= e instanceof ColumnExpr);
            lateral |= reads[0];
        }
        return new Bound(Table.virtual(call.alias() != null ? call.alias() : "unnest", columns),
                new UnnestNode(List.copyOf(arrays)), List.copyOf(arrays), lateral);
    }
}
