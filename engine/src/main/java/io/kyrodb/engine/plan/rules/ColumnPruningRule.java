package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.HashJoinNode;
import io.kyrodb.engine.exec.HashNode;
import io.kyrodb.engine.exec.KeyJoinNode;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ScanNode;
import io.kyrodb.engine.exec.WidenNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.plan.PlanEstimates;
import io.kyrodb.engine.plan.PlannerOptions;

import java.util.BitSet;

/**
 * Column pruning of table reads: a key join ({@link KeyJoinNode}) decodes, of each row it looks
 * up, and a sequential scan ({@link ScanNode}) reads, of each row, only the columns something
 * above reads (the query's select list, or its groups and aggregates' arguments; the filters and
 * join keys on the way down); the others stay null in the row. {@code SELECT sum(l.quantity) FROM
 * orders o JOIN lineitems l ON l.order_id = o.id WHERE ...} then builds no value of a line but its
 * quantity, and a scan of cached rows reads its columns' arrays only (see the storage's
 * {@code DecodedRows}): on this project's 2-core host, whose memory is slow, the bytes a scan
 * touches are most of its time.
 *
 * <p>It walks down from the top of the FROM clause's plan only through the operators whose use
 * of their rows it knows (filters, key joins, the joins' hash joins and the {@link WidenNode}
 * that places a table's row in the joined row), so any other operator keeps its rows whole. A
 * hash join's build side is walked only when it fills slots of the joined row (a join of the
 * FROM clause); a decorrelated subquery's side has its own row layout and keeps its rows. The
 * columns a query reads count subqueries' references to the row too. Off
 * ({@code enable_column_pruning}), every column is read.
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
     * {@code input} (the FROM clause's plan) with its scans and key joins reading only what is
     * read of them, given the slots of its rows the rest of the query reads ({@code reads}; null: not known
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
        if (node instanceof HashJoinNode h) {
            BitSet below = (BitSet) needed.clone();
            h.leftKeys().forEach(e -> read(e, below));
            h.rightKeys().forEach(e -> read(e, below));
            if (h.residual() != null) {
                read(h.residual(), below);
            }
            PlanNode left = prune(h.left(), below, estimates);
            PlanNode right = h.right();
            if (h.rightSlots().length > 0 && right instanceof HashNode hash) {
                PlanNode built = prune(hash.child(), below, estimates);
                if (built != hash.child()) {
                    right = same(new HashNode(built), hash, estimates);
                }
            }
            if (left == h.left() && right == h.right()) {
                return h;
            }
            return same(new HashJoinNode(left, right, h.type(), h.leftKeys(), h.rightKeys(), h.residual(),
                    h.rightSlots(), h.condition(), h.filter()), h, estimates);
        }
        if (node instanceof WidenNode w) {
            PlanNode child = prune(w.child(), needed.get(w.offset(), w.width()), estimates);
            return child == w.child() ? w : same(new WidenNode(child, w.offset(), w.width()), w, estimates);
        }
        if (node instanceof ScanNode s && s.columns() == null && !s.table().isSystem()) {
            int width = s.table().columns().size();
            boolean[] columns = new boolean[width];
            boolean all = true;
            for (int c = 0; c < width; c++) {
                columns[c] = needed.get(c);
                all &= columns[c];
            }
            return all ? s : same(new ScanNode(s.table(), columns), s, estimates);
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
