package io.kyrodb.engine.binder;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.InListExpr;
import io.kyrodb.engine.expr.IsNullExpr;

import java.util.List;

/**
 * Whether a query's condition implies a partial index's predicate, so that every row the query
 * wants is in the index (PostgreSQL's predicate_implied_by, in the cases applications write):
 * each conjunct of the predicate is one of the query's conjuncts (columns matched by position),
 * or is {@code x IS NOT NULL} and the query has a comparison on {@code x} that NULL never passes
 * ({@code x = v}, {@code x < v}, {@code x IN (...)}, ...). Anything else is taken as not implied.
 */
final class PredicateImplication {
    private PredicateImplication() {
    }

    /** Whether {@code condition} (a WHERE clause, maybe null) implies {@code predicate} (null: always). */
    static boolean implies(BoundExpr condition, BoundExpr predicate) {
        if (predicate == null) {
            return true;
        }
        if (condition == null) {
            return false;
        }
        List<BoundExpr> have = io.kyrodb.engine.expr.ExprTree.conjuncts(condition);
        List<BoundExpr> need = io.kyrodb.engine.expr.ExprTree.conjuncts(predicate);
        for (BoundExpr n : need) {
            if (!impliedConjunct(have, n)) {
                return false;
            }
        }
        return true;
    }

    private static boolean impliedConjunct(List<BoundExpr> have, BoundExpr need) {
        for (BoundExpr h : have) {
            if (IndexExpressions.same(h, need)) {
                return true;
            }
        }
        if (need instanceof IsNullExpr n && n.negated()) {
            for (BoundExpr h : have) {
                if (h instanceof CompareExpr c && (IndexExpressions.same(strip(c.left()), n.operand())
                        && KeyLookups.isRowIndependent(c.right())
                        || IndexExpressions.same(strip(c.right()), n.operand()) && KeyLookups.isRowIndependent(c.left()))) {
                    return true;
                }
                if (h instanceof InListExpr in && !in.negated() && IndexExpressions.same(strip(in.value()), n.operand())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A comparison's side without the implicit numeric widening the binder puts around a column. */
    private static BoundExpr strip(BoundExpr e) {
        if (e instanceof io.kyrodb.engine.expr.CastExpr cast && !cast.explicit() && cast.type().kind().isNumeric()
                && cast.operand().type().kind().isNumeric()) {
            return cast.operand();
        }
        return e;
    }
}
