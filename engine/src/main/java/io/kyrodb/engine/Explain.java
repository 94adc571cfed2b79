package io.kyrodb.engine;

import io.kyrodb.engine.exec.FillSlotsNode;
import io.kyrodb.engine.exec.Instrumentation;
import io.kyrodb.engine.exec.KeyJoinNode;
import io.kyrodb.engine.plan.PlanEstimates;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.WidenNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.InSubqueryExpr;
import io.kyrodb.engine.expr.ExistsExpr;
import io.kyrodb.engine.expr.ScalarSubqueryExpr;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * EXPLAIN's output: the plan tree, one row per line in one column {@code QUERY PLAN}, indented
 * the way PostgreSQL prints it (children under {@code ->}, details under their operator). The
 * subqueries in an operator's expressions follow its details as PostgreSQL shows them: an
 * uncorrelated one, run once, as {@code InitPlan n (returns $k)} before the children (an IN list
 * as a {@code hashed SubPlan n}); a correlated one, run per row, as {@code SubPlan n} after them,
 * {@code SubPlan n (index probe)} when it is a count or existence test answered from the index
 * entries of its one lookup without running the plan shown below it ({@link io.kyrodb.engine.exec.IndexProbe}).
 * A subplan two operators share (the value of a key lookup, checked again by its filter) is shown
 * under the first.
 *
 * <p>Each operator line ends with the planner's estimate, {@code (rows=n)} (PostgreSQL prints a cost
 * there too; KyroDB has no cost model beyond rows), unless COSTS OFF; a last line names the
 * estimator. With ANALYZE, what the operator did follows: {@code (actual time=first..last rows=n
 * loops=l)}, per loop as in PostgreSQL (milliseconds; without TIMING, only rows and loops), or
 * {@code (never executed)}; the summary adds {@code Planning Time} and {@code Execution Time}. The
 * inner side of a key join (its per-row primary-key lookup) runs inside the join and shows neither.
 */
final class Explain {
    /** EXPLAIN's one result column. */
    static final List<ResultColumn> COLUMNS = List.of(new ResultColumn("QUERY PLAN", SqlType.TEXT, false, "", ""));
    private final List<Object[]> lines = new ArrayList<>();
    /** Subplans already printed: one used by two operators (a key lookup and its filter) is shown once. */
    private final Set<SubPlan> shown = new HashSet<>();
    private int subPlans;
    private int initPlanParams;
    private final PlanEstimates estimates;
    private final Instrumentation measured;

    private Explain(PlanEstimates estimates, Instrumentation measured) {
        this.estimates = estimates;
        this.measured = measured;
    }

    static ExecResult render(PlanNode root) {
        return render(root, null, null, null);
    }

    /**
     * {@code estimates}: print each operator's (null: COSTS OFF); {@code measured}: EXPLAIN ANALYZE's
     * counters (null: not run); {@code summary}: the trailing lines (times), or null.
     */
    static ExecResult render(PlanNode root, PlanEstimates estimates, Instrumentation measured, List<String> summary) {
        Explain e = new Explain(estimates, measured);
        e.add(root, "", true);
        if (summary != null) {
            for (String line : summary) {
                e.lines.add(new Object[]{line});
            }
        }
        return new MaterializedRows(COLUMNS, e.lines);
    }

    private String line(PlanNode node) {
        StringBuilder b = new StringBuilder(node.describe());
        if (node instanceof KeyJoinNode.Probe) {
            return b.toString();   // runs inside its key join, which the estimate and the measures cover
        }
        if (estimates != null) {
            b.append("  (rows=").append(Math.round(estimates.rows(node))).append(')');
        }
        if (measured != null) {
            b.append(estimates != null ? " " : " ");
            Instrumentation.Counters c = measured.of(node);
            if (c == null || c.loops == 0) {
                b.append("(never executed)");
            } else {
                b.append("(actual ");
                if (measured.timing()) {
                    b.append(String.format(Locale.ROOT, "time=%.3f..%.3f ", c.firstRowNanos / 1e6 / c.loops,
                            c.totalNanos / 1e6 / c.loops));
                }
                b.append("rows=").append(Math.round((double) c.rows / c.loops)).append(" loops=").append(c.loops).append(')');
            }
        }
        return b.toString();
    }

    /** {@code arrowIndent}: where the {@code ->} of this node goes; its details and children go 6 further. */
    private void add(PlanNode node, String arrowIndent, boolean root) {
        while (node instanceof WidenNode || node instanceof FillSlotsNode) {
            node = node.children().get(0);   // parts of the join below, not operators of their own
        }
        lines.add(new Object[]{root ? line(node) : arrowIndent + "->  " + line(node)});
        String inner = root ? "  " : arrowIndent + "      ";
        for (String d : node.details()) {
            lines.add(new Object[]{inner + d});
        }
        List<BoundExpr> once = new ArrayList<>();
        List<BoundExpr> perRow = new ArrayList<>();
        for (BoundExpr e : node.expressions()) {
            ExprTree.forEach(e, x -> {
                SubPlan p = ExprTree.subPlanOf(x);
                if (p != null && shown.add(p)) {
                    (p.correlated() ? perRow : once).add(x);
                }
            });
        }
        for (BoundExpr e : once) {
            String label = e instanceof InSubqueryExpr ? "hashed SubPlan " + ++subPlans
                    : "InitPlan " + ++subPlans + " (returns $" + initPlanParams++ + ")";
            subPlan(label, ExprTree.subPlanOf(e), inner);
        }
        for (PlanNode child : node.children()) {
            add(child, inner, false);
        }
        for (BoundExpr e : perRow) {
            subPlan("SubPlan " + ++subPlans + (measured == null && probes(e) ? " (index probe)" : ""), ExprTree.subPlanOf(e), inner);
        }
    }

    /**
     * Whether a correlated subquery is answered per row by probing its index, not by running the
     * plan below it (EXPLAIN ANALYZE runs the plan, to measure it, so it is said only without ANALYZE).
     */
    private static boolean probes(BoundExpr e) {
        return e instanceof ScalarSubqueryExpr s && s.count() != null || e instanceof ExistsExpr x && x.probe() != null;
    }

    private void subPlan(String label, SubPlan p, String indent) {
        lines.add(new Object[]{indent + label});
        add(p.root(), indent + "  ", false);
    }
}
