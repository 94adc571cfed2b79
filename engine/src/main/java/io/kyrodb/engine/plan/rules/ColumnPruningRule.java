package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.KeyJoinNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.plan.PlanEstimates;
import io.kyrodb.engine.plan.PlannerOptions;

import java.util.BitSet;

/**
 * Column pruning of key joins: a key join ({@link KeyJoinNode}) decodes, of each row it looks up,
 * only the columns something above it reads (the query's select list, or its groups and
 * aggregates' arguments; the filters and join keys on the way down), and steps over the others
 * in the stored row, which stay null in the joined row. {@code SELECT sum(l.quantity) FROM orders o
 * JOIN lineitems l ON l.order_id = o.id WHERE ...} then builds no value of a line but its quantity.
 *
 * <p>It walks down from the top of the FROM clause's plan only through the operators whose use
 * of their rows it knows (filters and key joins), so any other operator keeps its rows whole.
 * The columns a query reads count subqueries' references to the row too. Off
 * ({@code enable_column_pruning}), every column is decoded.
 */
public final class ColumnPruningRule implements RewriteRule {
    ColumnPruningRule() {
    }

    @Override
    public String setting() {
        return "enable_column_pruning";
    }

    @Override
    public boolean enabled(PlannerOptions options) {
        return options.columnPruning();
    }

    /**
     * {@code input} (the FROM clause's plan) with its key joins decoding only what is read of
     * them, given the slots of its rows the rest of the query reads ({@code reads}; null: not known
     * here, and {@code input} is returned as it is).
     */
    public PlanNode apply(PlanNode input, BitSet reads, PlannerOptions options, PlanEstimates estimates) {
        if (!enabled(options) || reads == null) {
            return input;
        }
        return prune(input, reads, estimates);
    }

    private static PlanNode prune(PlanNode node, BitSet needed, PlanEstimates estimates) {
        if (node instanceof FilterNode f) {
            BitSet below = (BitSet) needed.clone();
            read(f.predicate(), below);
            PlanNode child = prune(f.child(), below, estimates);
            return child == f.child() ? f : same(new FilterNode(child, f.predicate()), f, estimates);
        }
        if (node instanceof KeyJoinNode k && k.columns() == null) {
            BitSet below = (BitSet) needed.clone();
            k.outerKeys().forEach(e -> read(e, below));
            if (k.filter() != null) {
                read(k.filter(), below);
            }
            int width = k.table().columns().size();
            boolean[] columns = new boolean[width];
            boolean all = true;
            for (int c = 0; c < width; c++) {
                columns[c] = below.get(k.offset() + c);
                all &= columns[c];
            }
            PlanNode outer = prune(k.outer(), below, estimates);
            if (all && outer == k.outer()) {
                return k;
            }
            return same(k.with(outer, all ? null : columns), k, estimates);
        }
        return node;
    }

    /** {@code rewritten} with the estimate of the operator it replaces. */
    private static PlanNode same(PlanNode rewritten, PlanNode original, PlanEstimates estimates) {
        double rows = estimates.rows(original);
        return rows < 0 ? rewritten : estimates.put(rewritten, rows);
    }

    /** Adds the slots of the row {@code e} reads to {@code out}, also through the subqueries in it. */
    private static void read(BoundExpr e, BitSet out) {
        ExprTree.forEach(e, x -> {
            if (x instanceof ColumnExpr c) {
                out.set(c.index());
            }
            SubPlan sub = ExprTree.subPlanOf(x);
            if (sub != null) {
                for (SubPlan.OuterRef ref : sub.outerRefs()) {
                    if (ref.levelsUp() == 0) {
                        out.set(ref.index());
                    }
                }
            }
        });
    }
}
