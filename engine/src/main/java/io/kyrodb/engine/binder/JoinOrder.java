package io.kyrodb.engine.binder;

import io.kyrodb.engine.exec.JoinType;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.sql.ast.Expr.BinaryOp;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The rule that orders inner joins greedily (no exhaustive search): from a start unit, always join
 * next the unit an equality connects to what is joined so far (else one any condition connects; a
 * cross product only when nothing does), the one whose join the estimator
 * ({@link JoinPlanner#joinedRows}) puts smallest. Up to {@link #TRY_EVERY_START} units, every unit is
 * tried as the start and the order whose joins produce the fewest rows in all wins; past that the
 * start is the unit estimated smallest. Each join takes every condition that
 * its tables now cover. With {@code enable_join_reorder} or {@code optimizer_cost_based} off, the
 * same connectivity rule picks units in FROM order instead, without estimates. Linear in the
 * number of conditions per step, so 64-table joins plan in microseconds.
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

    /** Up to this many units every one is tried as the start (cost: units^3 estimates); past it, the smallest. */
    static final int TRY_EVERY_START = 10;

    JoinPlanner.Unit join() {
        boolean reorder = planner.options().reorder();
        int start = 0;
        if (reorder && units.size() <= TRY_EVERY_START) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < units.size(); i++) {
                double cost = walk(i, false).rows();
                if (cost < best) {
                    best = cost;
                    start = i;
                }
            }
        } else {
            for (int i = 1; i < units.size() && reorder; i++) {
                if (units.get(i).rows() < units.get(start).rows()) {
                    start = i;
                }
            }
        }
        return walk(start, true);
    }

    /**
     * The greedy order from unit {@code start}. {@code build}: plan the joins and return the joined
     * unit; else only estimate, returning a unit (without a plan) whose rows are the order's cost:
     * the sum of the rows every join produces.
     */
    private JoinPlanner.Unit walk(int start, boolean build) {
        boolean reorder = planner.options().reorder();
        List<JoinPlanner.Unit> left = new ArrayList<>(units);
        boolean[] used = applied.clone();
        JoinPlanner.Unit current = left.remove(start);
        double cost = 0;
        while (!left.isEmpty()) {
            int best = -1;
            int bestRank = Integer.MAX_VALUE;
            double bestRows = Double.MAX_VALUE;
            List<Integer> bestConditions = null;
            for (int i = 0; i < left.size(); i++) {
                JoinPlanner.Unit u = left.get(i);
                BitSet both = (BitSet) current.tables().clone();
                both.or(u.tables());
                List<Integer> covered = new ArrayList<>();
                List<BoundExpr> on = new ArrayList<>();
                int keys = 0;
                for (int c = 0; c < conditions.size(); c++) {
                    if (!used[c] && Conjuncts.within(conditionTables.get(c), both)) {
                        covered.add(c);
                        on.add(conditions.get(c));
                        if (sides(conditions.get(c), current, u) != null) {
                            keys++;
                        }
                    }
                }
                int rank = keys > 0 ? 0 : covered.isEmpty() ? 2 : 1;
                if (rank > bestRank) {
                    continue;
                }
                // without reordering: the first unit in FROM order that is best connected
                double rows = rank < bestRank || reorder ? planner.joinedRows(current, u, on) : Double.MAX_VALUE;
                if (rank < bestRank || rows < bestRows) {
                    best = i;
                    bestRank = rank;
                    bestRows = rows;
                    bestConditions = covered;
                }
            }
            JoinPlanner.Unit next = left.remove(best);
            List<BoundExpr> on = new ArrayList<>();
            for (int c : bestConditions) {
                used[c] = true;
                on.add(conditions.get(c));
            }
            cost += bestRows;
            if (build) {
                current = planner.join(current, next, JoinType.INNER, on, bestRows);
            } else {
                BitSet both = (BitSet) current.tables().clone();
                both.or(next.tables());
                current = new JoinPlanner.Unit(null, both, bestRows);
            }
        }
        if (build) {
            System.arraycopy(used, 0, applied, 0, used.length);
            return current;
        }
        return new JoinPlanner.Unit(null, current.tables(), cost);
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
}
