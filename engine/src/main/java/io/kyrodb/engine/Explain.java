package io.kyrodb.engine;

import io.kyrodb.engine.exec.FillSlotsNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.WidenNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.InSubqueryExpr;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.types.SqlType;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * EXPLAIN's output: the plan tree, one row per line in one column {@code QUERY PLAN}, indented
 * the way PostgreSQL prints it (children under {@code ->}, details under their operator). The
 * subqueries in an operator's expressions follow its details as PostgreSQL shows them: an
 * uncorrelated one, run once, as {@code InitPlan n (returns $k)} before the children (an IN list
 * as a {@code hashed SubPlan n}); a correlated one, run per row, as {@code SubPlan n} after them.
 * A subplan two operators share (the value of a key lookup, checked again by its filter) is shown
 * under the first.
 */
final class Explain {
    private final List<Object[]> lines = new ArrayList<>();
    /** Subplans already printed: one used by two operators (a key lookup and its filter) is shown once. */
    private final Set<SubPlan> shown = new HashSet<>();
    private int subPlans;
    private int initPlanParams;

    private Explain() {
    }

    static ExecResult render(PlanNode root) {
        Explain e = new Explain();
        e.add(root, "", true);
        return new MaterializedRows(List.of(new ResultColumn("QUERY PLAN", SqlType.TEXT, false, "", "")), e.lines);
    }

    /** {@code arrowIndent}: where the {@code ->} of this node goes; its details and children go 6 further. */
    private void add(PlanNode node, String arrowIndent, boolean root) {
        while (node instanceof WidenNode || node instanceof FillSlotsNode) {
            node = node.children().get(0);   // parts of the join below, not operators of their own
        }
        lines.add(new Object[]{root ? node.describe() : arrowIndent + "->  " + node.describe()});
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
            subPlan("SubPlan " + ++subPlans, ExprTree.subPlanOf(e), inner);
        }
    }

    private void subPlan(String label, SubPlan p, String indent) {
        lines.add(new Object[]{indent + label});
        add(p.root(), indent + "  ", false);
    }
}
