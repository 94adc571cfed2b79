package io.kyrodb.engine.plan;

import io.kyrodb.engine.exec.PlanNode;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The planner's row estimate for each operator it built, for EXPLAIN (operators are immutable
 * records shared by re-executions, so the estimates live beside them). Filled while one statement
 * is bound; not thread-safe.
 */
public final class PlanEstimates {
    private final Map<PlanNode, Double> rows = new IdentityHashMap<>();
    private String estimator = "histogram";
    private boolean wanted;

    /** EXPLAIN asks for every operator's estimate (a plain query plans only what its choices need). */
    public boolean wanted() {
        return wanted;
    }

    public void want() {
        wanted = true;
    }

    public <T extends PlanNode> T put(T node, double estimatedRows) {
        rows.put(node, Math.max(1, estimatedRows));
        return node;
    }

    /** The estimate for {@code node}, or -1 if the planner recorded none. */
    public double rows(PlanNode node) {
        Double r = rows.get(node);
        return r == null ? -1 : r;
    }

    /**
     * Gives every operator of {@code root} (and of its subplans) an estimate: those the planner did
     * not record take a scan's table rows, else their first input's.
     */
    public void complete(PlanNode root, CardinalityEstimator estimator) {
        for (PlanNode child : root.children()) {
            complete(child, estimator);
        }
        for (io.kyrodb.engine.expr.BoundExpr e : root.expressions()) {
            io.kyrodb.engine.expr.ExprTree.forEach(e, x -> {
                io.kyrodb.engine.expr.SubPlan p = io.kyrodb.engine.expr.ExprTree.subPlanOf(x);
                if (p != null && rows(p.root()) < 0) {
                    complete(p.root(), estimator);
                }
            });
        }
        if (rows(root) < 0) {
            double r = root instanceof io.kyrodb.engine.exec.ScanNode scan ? estimator.tableRows(scan.table())
                    : root.children().isEmpty() ? 1 : rows(root.children().get(0));
            put(root, r);
        }
    }

    public String estimator() {
        return estimator;
    }

    public void estimator(String name) {
        this.estimator = name;
    }
}
