package io.kyrodb.engine.binder;

import io.kyrodb.engine.exec.JoinType;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The rule that orders inner joins greedily (no statistics yet, so no exhaustive search): start
 * from the unit estimated smallest, then always join next the unit an equality connects to what is
 * joined so far (else one any condition connects; a cross product only when nothing does), the one
 * whose join is estimated smallest. Each join takes every condition that its tables now cover. A
 * join on the whole primary key of a table keeps the other input's estimate. Linear in the number
 * of conditions per step, so 64-table joins plan in microseconds.
 */
final class JoinOrder {
    private final JoinPlanner planner;
    private final List<JoinPlanner.Unit> units;
    private final List<BoundExpr> conditions;
    private final List<BitSet> conditionTables;
    private final boolean[] applied;

    JoinOrder(JoinPlanner planner, List<JoinPlanner.Unit> units, List<BoundExpr> conditions,
              List<BitSet> conditionTables) {
        this.planner = planner;
        this.units = new ArrayList<>(units);
        this.conditions = conditions;
        this.conditionTables = conditionTables;
        this.applied = new boolean[conditions.size()];
    }

    JoinPlanner.Unit join() {
        int start = 0;
        for (int i = 1; i < units.size(); i++) {
            if (units.get(i).rows() < units.get(start).rows()) {
                start = i;
            }
        }
        JoinPlanner.Unit current = units.remove(start);
        while (!units.isEmpty()) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            double bestRows = Double.MAX_VALUE;
            List<Integer> bestConditions = null;
            for (int i = 0; i < units.size(); i++) {
                JoinPlanner.Unit u = units.get(i);
                BitSet both = (BitSet) current.tables().clone();
                both.or(u.tables());
                List<Integer> covered = new ArrayList<>();
                for (int c = 0; c < conditions.size(); c++) {
                    if (!applied[c] && Conjuncts.within(conditionTables.get(c), both)) {
                        covered.add(c);
                    }
                }
                int keys = 0;
                List<BoundExpr> uSide = new ArrayList<>();
                List<BoundExpr> curSide = new ArrayList<>();
                for (int c : covered) {
                    BoundExpr[] sides = sides(conditions.get(c), current, u);
                    if (sides != null) {
                        keys++;
                        curSide.add(sides[0]);
                        uSide.add(sides[1]);
                    }
                }
                double rows;
                int rank;
                double others = Math.pow(TableAccess.SELECTIVITY, covered.size() - keys);
                if (keys > 0) {
                    rank = 0;
                    if (coversPrimaryKey(u, uSide)) {
                        rows = current.rows();
                    } else if (coversPrimaryKey(current, curSide)) {
                        rows = u.rows();
                    } else {
                        rows = Math.max(current.rows(), u.rows());
                    }
                    rows *= others;
                } else {
                    rank = covered.isEmpty() ? 2 : 1;
                    rows = current.rows() * u.rows() * others;
                }
                rows = Math.max(1, rows);
                if (rank < bestRank || (rank == bestRank && rows < bestRows)) {
                    best = i;
                    bestRank = rank;
                    bestRows = rows;
                    bestConditions = covered;
                }
            }
            JoinPlanner.Unit next = units.remove(best);
            List<BoundExpr> on = new ArrayList<>();
            for (int c : bestConditions) {
                applied[c] = true;
                on.add(conditions.get(c));
            }
            current = planner.join(current, next, JoinType.INNER, on, bestRows);
        }
        return current;
    }

    /** For an equality between {@code a} and {@code b}: its side reading a, then its side reading b; else null. */
    private BoundExpr[] sides(BoundExpr c, JoinPlanner.Unit a, JoinPlanner.Unit b) {
        if (!(c instanceof CompareExpr cmp) || cmp.op() != BinaryOp.EQ) {
            return null;
        }
        BitSet l = planner.conjuncts().tables(cmp.left());
        BitSet r = planner.conjuncts().tables(cmp.right());
        if (l.isEmpty() || r.isEmpty()) {
            return null;
        }
        if (Conjuncts.within(l, a.tables()) && Conjuncts.within(r, b.tables())) {
            return new BoundExpr[]{cmp.left(), cmp.right()};
        }
        if (Conjuncts.within(r, a.tables()) && Conjuncts.within(l, b.tables())) {
            return new BoundExpr[]{cmp.right(), cmp.left()};
        }
        return null;
    }

    /** Whether {@code keys} include every primary-key column of {@code u}, a single table. */
    private static boolean coversPrimaryKey(JoinPlanner.Unit u, List<BoundExpr> keys) {
        if (u.leaf() == null || !u.leaf().table().hasPrimaryKey()) {
            return false;
        }
        for (int k = 0; k < u.leaf().table().primaryKeyWidth(); k++) {
            int slot = u.leaf().offset() + u.leaf().table().primaryKeyColumn(k);
            boolean found = false;
            for (BoundExpr e : keys) {
                if (e instanceof CastExpr cast && !cast.explicit()) {
                    e = cast.operand();
                }
                if (e instanceof ColumnExpr col && col.index() == slot) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }
}
