package io.kyrodb.engine.binder;

import io.kyrodb.engine.exec.JoinType;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * A FROM item after binding, before planning: a table, or two items joined. Expressions are bound
 * against the whole FROM clause's row layout (see {@code JoinRows}), so the planner may reorder
 * inner joins freely.
 */
sealed interface JoinTree permits JoinTree.Leaf, JoinTree.Join, JoinTree.Lateral, JoinTree.LateralQuery {
    /** The scope entries (tables) in this item, in FROM order. */
    List<Scope.Entry> entries();

    record Leaf(Scope.Entry entry) implements JoinTree {
        @Override
        public List<Scope.Entry> entries() {
            return List.of(entry);
        }
    }

    /**
     * {@code left <type> JOIN right ON on} ({@code on} null: no condition, a cross join).
     * {@code fills}: slots the join computes from its row (a FULL JOIN's merged USING columns).
     */
    record Join(JoinType type, JoinTree left, JoinTree right, BoundExpr on, List<Fill> fills,
                List<Scope.Entry> entries) implements JoinTree {
    }

    record Fill(int slot, BoundExpr value) {
    }

    /**
     * {@code input, unnest(arrays)} where the arrays read {@code input}'s columns (Postgres's
     * implicit LATERAL for functions in FROM): for each input row, one row per element, the
     * function's columns at {@code entry}'s offset ({@code ordinality}: then a last column numbers
     * each input row's elements from 1).
     */
    record Lateral(JoinTree input, Scope.Entry entry, List<BoundExpr> arrays, List<Scope.Entry> entries,
                   boolean ordinality) implements JoinTree {
    }

    /**
     * {@code left [LEFT] JOIN LATERAL (query) entry ON on}: the subquery (the source of {@code entry})
     * reads columns of {@code left} and runs once per left row; {@code on} may be null.
     */
    record LateralQuery(JoinTree left, Scope.Entry entry, JoinType type, BoundExpr on, List<Scope.Entry> entries)
            implements JoinTree {
    }
}
