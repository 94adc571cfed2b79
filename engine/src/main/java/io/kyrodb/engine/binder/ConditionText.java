package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.IsNullExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.NotExpr;

import java.util.List;

/** A join condition as EXPLAIN prints it, PostgreSQL's way: {@code (a.x = b.y)}, columns by table alias. */
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
        return switch (e) {
            case ColumnExpr c -> column(c, scope);
            case ConstExpr c -> c.value() == null ? "NULL"
                    : c.value() instanceof String s ? "'" + s.replace("'", "''") + "'"
                    : c.value() instanceof Number || c.value() instanceof Boolean ? io.kyrodb.engine.types.Values.toText(c.value())
                    // dates, times, intervals, vectors as Postgres's EXPLAIN shows them: '2024-01-02'::date
                    : "'" + io.kyrodb.engine.types.Values.toText(c.value()) + "'::" + c.type().displayName();
            case CastExpr c -> of(c.operand(), scope);
            case CompareExpr c -> "(" + of(c.left(), scope) + " " + c.op().symbol() + " " + of(c.right(), scope) + ")";
            case LogicalExpr l -> "(" + of(l.left(), scope) + (l.isAnd() ? " AND " : " OR ") + of(l.right(), scope) + ")";
            case NotExpr n -> "(NOT " + of(n.operand(), scope) + ")";
            case IsNullExpr n -> "(" + of(n.operand(), scope) + (n.negated() ? " IS NOT NULL)" : " IS NULL)");
            default -> "(" + e.getClass().getSimpleName().replace("Expr", "").toLowerCase(java.util.Locale.ROOT) + ")";
        };
    }

    private static String column(ColumnExpr c, Scope scope) {
        for (Scope.Entry e : scope.entries()) {
            if (c.index() >= e.offset() && c.index() < e.offset() + e.table().columns().size()) {
                return e.alias() + "." + e.table().columns().get(c.index() - e.offset()).name();
            }
        }
        return c.name();
    }
}
