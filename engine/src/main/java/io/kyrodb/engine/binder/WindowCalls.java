package io.kyrodb.engine.binder;

import io.kyrodb.sql.ast.Expr;
import io.kyrodb.sql.ast.Statement;

/**
 * Looks for window function calls and aggregate calls in a SELECT's own expressions (not in its
 * subqueries, which are queries of their own): whether the query needs window nodes, and how many
 * aggregate columns its aggregation can produce at most (the window values come after them).
 */
final class WindowCalls {
    private WindowCalls() {
    }

    static boolean any(Statement.Select select) {
        for (Statement.SelectItem item : select.items()) {
            if (item instanceof Statement.SelectExpression e && count(e.expr(), true) > 0) {
                return true;
            }
        }
        for (Statement.SortItem s : select.orderBy()) {
            if (count(s.expr(), true) > 0) {
                return true;
            }
        }
        return false;
    }

    /** At least the number of window calls the SELECT list and ORDER BY hold. */
    static int windowBound(Statement.Select select) {
        int n = 0;
        for (Statement.SelectItem item : select.items()) {
            if (item instanceof Statement.SelectExpression e) {
                n += count(e.expr(), true);
            }
        }
        for (Statement.SortItem s : select.orderBy()) {
            n += count(s.expr(), true);
        }
        return n;
    }

    /** At least the number of distinct aggregate calls the SELECT list, HAVING, ORDER BY and DISTINCT ON hold. */
    static int aggregateBound(Statement.Select select) {
        int n = 0;
        for (Statement.SelectItem item : select.items()) {
            if (item instanceof Statement.SelectExpression e) {
                n += count(e.expr(), false);
            }
        }
        for (Statement.SortItem s : select.orderBy()) {
            n += count(s.expr(), false);
        }
        for (Expr e : select.distinctOn()) {
            n += count(e, false);
        }
        if (select.having() != null) {
            n += count(select.having(), false);
        }
        return n;
    }

    /** The window calls ({@code windows}) or the aggregate calls (not windowed) in {@code e}. */
    private static int count(Expr e, boolean windows) {
        return switch (e) {
            case Expr.FunctionCall f -> {
                int n = 0;
                if (f.over() != null) {
                    n += windows ? 1 : 0;
                    for (Expr p : f.over().partitionBy()) {
                        n += count(p, windows);
                    }
                    for (Statement.SortItem s : f.over().orderBy()) {
                        n += count(s.expr(), windows);
                    }
                } else if (!windows && ExprBinder.isAggregate(f.name())) {
                    n++;
                }
                for (Expr a : f.arguments()) {
                    n += count(a, windows);
                }
                if (f.filter() != null) {
                    n += count(f.filter(), windows);
                }
                for (Statement.SortItem s : f.orderBy()) {
                    n += count(s.expr(), windows);
                }
                yield n;
            }
            case Expr.Unary u -> count(u.operand(), windows);
            case Expr.Binary b -> count(b.left(), windows) + count(b.right(), windows);
            case Expr.IsNull x -> count(x.operand(), windows);
            case Expr.IsBoolean x -> count(x.operand(), windows);
            case Expr.Between b -> count(b.value(), windows) + count(b.low(), windows) + count(b.high(), windows);
            case Expr.InList i -> count(i.value(), windows) + i.list().stream().mapToInt(x -> count(x, windows)).sum();
            case Expr.Like l -> count(l.value(), windows) + count(l.pattern(), windows);
            case Expr.Cast c -> count(c.operand(), windows);
            case Expr.Case c -> (c.operand() == null ? 0 : count(c.operand(), windows))
                    + c.whens().stream().mapToInt(w -> count(w.condition(), windows) + count(w.result(), windows)).sum()
                    + (c.elseResult() == null ? 0 : count(c.elseResult(), windows));
            case Expr.InSubquery i -> count(i.value(), windows);
            case Expr.IsDistinctFrom d -> count(d.left(), windows) + count(d.right(), windows);
            case Expr.RegexMatch r -> count(r.value(), windows) + count(r.pattern(), windows);
            case Expr.ArrayConstructor a -> a.elements().stream().mapToInt(x -> count(x, windows)).sum();
            case Expr.Subscript s -> count(s.array(), windows) + (s.index() == null ? 0 : count(s.index(), windows))
                    + (s.upper() == null ? 0 : count(s.upper(), windows));
            case Expr.Quantified q -> count(q.value(), windows) + count(q.array(), windows);
            case Expr.ArraySubquery a -> 0;
            case Expr.Subquery s -> 0;
            case Expr.Exists x -> 0;
            case Expr.Literal l -> 0;
            case Expr.Parameter p -> 0;
            case Expr.ColumnRef c -> 0;
            case Expr.NamedArgument n -> count(n.value(), windows);
            case Expr.FieldSelection f -> count(f.record(), windows);
        };
    }
}
