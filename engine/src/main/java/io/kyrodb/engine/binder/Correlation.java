package io.kyrodb.engine.binder;

import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.OuterColumnExpr;
import io.kyrodb.engine.expr.SubPlan;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which outer values a subquery's result depends on: every outer column its plan reads, including
 * those read by subqueries nested in it that reach past it. None: the subquery is uncorrelated.
 */
final class Correlation {
    private Correlation() {
    }

    static List<SubPlan.OuterRef> outerRefs(PlanNode root) {
        Set<SubPlan.OuterRef> refs = new LinkedHashSet<>();
        collect(root, 0, refs);
        return List.copyOf(refs);
    }

    /** {@code depth}: how many subqueries deep {@code node} is below the one being analysed. */
    private static void collect(PlanNode node, int depth, Set<SubPlan.OuterRef> out) {
        for (BoundExpr e : node.expressions()) {
            ExprTree.forEach(e, x -> {
                if (x instanceof OuterColumnExpr o && o.levelsUp() >= depth) {
                    out.add(new SubPlan.OuterRef(o.levelsUp() - depth, o.index()));
                }
                SubPlan nested = ExprTree.subPlanOf(x);
                if (nested != null) {
                    collect(nested.root(), depth + 1, out);
                }
            });
        }
        if (node instanceof io.kyrodb.engine.exec.LateralJoinNode lateral) {
            collect(lateral.left(), depth, out);
            collect(lateral.sub(), depth + 1, out);   // run per left row, like a subquery
            return;
        }
        for (PlanNode child : node.children()) {
            collect(child, depth, out);
        }
    }
}
