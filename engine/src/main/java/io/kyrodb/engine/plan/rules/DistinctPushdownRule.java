package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.exec.AggregateCall;
import io.kyrodb.engine.exec.AggregateFunction;
import io.kyrodb.engine.exec.DistinctSlotsNode;
import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.HashJoinNode;
import io.kyrodb.engine.exec.HashNode;
import io.kyrodb.engine.exec.JoinType;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.WidenNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.plan.PlanEstimates;
import io.kyrodb.engine.plan.PlannerOptions;
import io.kyrodb.engine.types.TypeKind;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Distinct push-down ("eager DISTINCT"): when every aggregate of a GROUP BY ignores duplicate input
 * rows ({@code count/sum/avg(DISTINCT x)}, {@code min}, {@code max}, {@code bool_and/or},
 * {@code bit_and/or}), an input of the inner hash joins below it may be cut down to one row per
 * distinct combination of the columns anything above reads (the join keys, the GROUP BY columns,
 * the aggregates' arguments): a duplicate row would only make duplicate joined rows, which such
 * aggregates do not see. {@code SELECT c.segment, count(DISTINCT o.customer_id) FROM orders o JOIN
 * customers c ON c.id = o.customer_id GROUP BY 1} then joins each customer id once instead of every
 * order. Applied where the estimate says an input holds at least twice as many rows as distinct
 * combinations (always, with {@code optimizer_cost_based} off).
 *
 * <p>It keeps to what makes the rewrite exact: only plain columns (a join key may be cast; a
 * volatile expression would be evaluated fewer times), only INNER hash joins without a join filter, and only columns of types
 * whose equal values are indistinguishable (integers, text, boolean, uuid, dates and times: not
 * numeric, whose 1.0 and 1.00 are equal but print differently, nor floating point). Off
 * ({@code enable_distinct_pushdown}), every input row is joined.
 */
public final class DistinctPushdownRule implements RewriteRule {
    /** What the rule needs to know of the FROM clause's row layout. */
    public interface Slots {
        /** The plain table column at {@code slot} (type, and alias for EXPLAIN), or null. */
        ColumnExpr column(int slot);

        /** The slot after the last one the FROM item starting at {@code offset} fills, or -1. */
        int end(int offset);

        /** The estimated distinct combinations of {@code keys} among {@code rows} rows. */
        double distinct(List<ColumnExpr> keys, double rows);

        /** The estimated rows of an operator. */
        double rows(PlanNode node);
    }

    DistinctPushdownRule() {
    }

    @Override
    public String setting() {
        return "enable_distinct_pushdown";
    }

    @Override
    public boolean enabled(PlannerOptions options) {
        return options.distinctPushdown();
    }

    /**
     * {@code input} of an aggregation by {@code groups} computing {@code aggregates}, with the
     * inputs of its inner hash joins reduced to their distinct rows where that pays; {@code input}
     * itself when the rule does not apply. {@code width}: the FROM clause's row width.
     */
    public PlanNode apply(PlanNode input, List<BoundExpr> groups, List<AggregateCall> aggregates, int width,
                          Slots slots, PlannerOptions options, PlanEstimates estimates) {
        if (!enabled(options) || !(input instanceof HashJoinNode) || (groups.isEmpty() && aggregates.isEmpty())) {
            return input;
        }
        TreeSet<Integer> read = new TreeSet<>();
        for (BoundExpr g : groups) {
            if (!(g instanceof ColumnExpr c)) {
                return input;
            }
            read.add(c.index());
        }
        for (AggregateCall a : aggregates) {
            if (!ignoresDuplicates(a) || !(a.argument() instanceof ColumnExpr c)) {
                return input;
            }
            read.add(c.index());
        }
        return rewrite(input, read, width, slots, options, estimates);
    }

    /** Whether the aggregate's result is the same over a set of rows as over any multiset of them. */
    static boolean ignoresDuplicates(AggregateCall a) {
        if (a.argument() == null || a.filtered() || a.order() != null || a.parameter() != null) {
            return false;
        }
        return switch (a.function()) {
            case COUNT, SUM, AVG -> a.distinct();
            case MIN, MAX, BOOL_AND, BOOL_OR, BIT_AND, BIT_OR -> true;
            default -> false;
        };
    }

    private PlanNode rewrite(PlanNode node, TreeSet<Integer> read, int width, Slots slots, PlannerOptions options,
                             PlanEstimates estimates) {
        if (node instanceof HashJoinNode j) {
            if (j.type() != JoinType.INNER || j.residual() != null) {
                return node;
            }
            TreeSet<Integer> below = new TreeSet<>(read);
            List<BoundExpr> keys = new ArrayList<>(j.leftKeys());
            keys.addAll(j.rightKeys());
            for (BoundExpr k : keys) {
                ColumnExpr c = keyColumn(k);
                if (c == null) {
                    return node;
                }
                below.add(c.index());
            }
            PlanNode left = rewrite(j.left(), below, width, slots, options, estimates);
            PlanNode right = rewrite(j.right(), below, width, slots, options, estimates);
            if (left == j.left() && right == j.right()) {
                return node;
            }
            double before = Math.max(1, slots.rows(j.left())) * Math.max(1, slots.rows(j.right()));
            double after = Math.max(1, slots.rows(left)) * Math.max(1, slots.rows(right));
            double rows = slots.rows(j);
            HashJoinNode out = new HashJoinNode(left, right, j.type(), j.leftKeys(), j.rightKeys(), null,
                    j.rightSlots(), j.condition(), j.filter());
            return rows < 0 ? out : estimates.put(out, rows * after / before);
        }
        if (node instanceof HashNode h) {
            PlanNode child = rewrite(h.child(), read, width, slots, options, estimates);
            return child == h.child() ? node : estimates.put(new HashNode(child), Math.max(1, slots.rows(child)));
        }
        return distinct(node, read, width, slots, options, estimates);
    }

    /** The column a join key reads: a plain column, or one cast to another type (integer = bigint); else null. */
    private static ColumnExpr keyColumn(BoundExpr key) {
        BoundExpr e = key instanceof CastExpr cast ? cast.operand() : key;
        return e instanceof ColumnExpr c ? c : null;
    }

    /** {@code node} (a join's input) under a {@link DistinctSlotsNode} on the slots of {@code read} it fills, if that pays. */
    private PlanNode distinct(PlanNode node, TreeSet<Integer> read, int width, Slots slots, PlannerOptions options,
                              PlanEstimates estimates) {
        List<int[]> ranges = new ArrayList<>();
        if (!fills(node, slots, ranges)) {
            return node;
        }
        List<ColumnExpr> keys = new ArrayList<>();
        for (int slot : read) {
            boolean filled = false;
            for (int[] r : ranges) {
                filled |= slot >= r[0] && slot < r[1];
            }
            if (!filled) {
                continue;
            }
            ColumnExpr c = slots.column(slot);
            if (c == null || !exact(c.type().kind())) {
                return node;
            }
            keys.add(c);
        }
        if (keys.isEmpty()) {
            return node;
        }
        double rows = slots.rows(node);
        double distinct = slots.distinct(keys, Math.max(1, rows));
        if (options.costBased() && !(rows >= 2 * distinct)) {
            return node;
        }
        int[] at = new int[keys.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = keys.get(i).index();
        }
        if (node instanceof WidenNode w) {
            // read the table's own rows: no row as wide as the FROM clause for each input row
            List<ColumnExpr> own = new ArrayList<>();
            for (ColumnExpr k : keys) {
                own.add(new ColumnExpr(k.index() - w.offset(), k.type(), k.table(), k.name(), k.nullable()));
            }
            return estimates.put(new DistinctSlotsNode(w.child(), List.copyOf(own), at, width), distinct);
        }
        return estimates.put(new DistinctSlotsNode(node, List.copyOf(keys), at, width), distinct);
    }

    /**
     * Adds the slot ranges {@code node}'s rows fill to {@code out}; false when they are not known
     * (an operator that computes slots of its own, such as a FULL join's merged columns).
     */
    private static boolean fills(PlanNode node, Slots slots, List<int[]> out) {
        if (node instanceof WidenNode w) {
            int end = slots.end(w.offset());
            if (end < 0) {
                return false;
            }
            out.add(new int[]{w.offset(), end});
            return true;
        }
        if (node instanceof FilterNode f) {
            return fills(f.child(), slots, out);
        }
        if (node instanceof HashNode h) {
            return fills(h.child(), slots, out);
        }
        if (node instanceof HashJoinNode j && j.type() == JoinType.INNER) {
            return fills(j.left(), slots, out) && fills(j.right(), slots, out);
        }
        return false;
    }

    /** Whether values of this type that GROUP BY counts equal are the same value in every respect. */
    private static boolean exact(TypeKind kind) {
        return switch (kind) {
            case SMALLINT, INTEGER, BIGINT, BOOLEAN, TEXT, VARCHAR, UUID, DATE, TIME, TIMESTAMP, TIMESTAMPTZ -> true;
            default -> false;
        };
    }
}
