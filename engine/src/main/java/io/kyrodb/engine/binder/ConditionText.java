package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExprDeparser;

import java.util.List;

/** A join condition as EXPLAIN prints it, PostgreSQL's way ({@link ExprDeparser}): {@code (a.x = b.y)}, columns by table alias. */
final class ConditionText {
    private ConditionText() {
    }

    static String of(List<BoundExpr> conjuncts, Scope scope) {
        if (conjuncts.size() == 1) {
            return of(conjuncts.get(0), scope);
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < conjuncts.size(); i++) {
            sb.append(i == 0 ? "" : " AND ").append(of(conjuncts.get(i), scope));
        }
        return sb.append(')').toString();
    }

    static String of(BoundExpr e, Scope scope) {
        return new ExprDeparser(c -> column(c, scope), p -> "(SubPlan)", true).deparse(e);
    }

    /**
     * A key join's Index Cond as PostgreSQL prints a parameterized index scan's: the looked-up
     * table's own columns bare, the outer side's with their alias ({@code (id = c.a_id)}).
     */
    static String indexCondition(List<BoundExpr> conjuncts, Scope scope, Scope.Entry inner) {
        ExprDeparser d = new ExprDeparser(c -> c.index() >= inner.offset()
                && c.index() < inner.offset() + inner.table().columns().size()
                ? ExprDeparser.identifier(inner.table().columns().get(c.index() - inner.offset()).name())
                : column(c, scope), p -> "(SubPlan)", true);
        List<String> parts = conjuncts.stream().map(d::deparse).toList();
        return parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")";
    }

    private static String column(ColumnExpr c, Scope scope) {
        for (Scope.Entry e : scope.entries()) {
            if (c.index() >= e.offset() && c.index() < e.offset() + e.table().columns().size()) {
                return ExprDeparser.identifier(e.alias()) + "."
                        + ExprDeparser.identifier(e.table().columns().get(c.index() - e.offset()).name());
            }
        }
        return ExprDeparser.column(c, true);
    }
}
