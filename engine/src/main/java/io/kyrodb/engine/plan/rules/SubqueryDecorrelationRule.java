package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.exec.GroupedLookupFilterNode;
import io.kyrodb.engine.exec.HashJoinNode;
import io.kyrodb.engine.exec.HashNode;
import io.kyrodb.engine.exec.JoinType;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ScanNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.CastExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.CompareExpr;
import io.kyrodb.engine.expr.ExistsExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.InSubqueryExpr;
import io.kyrodb.engine.expr.IsNullExpr;
import io.kyrodb.engine.expr.LogicalExpr;
import io.kyrodb.engine.expr.NotExpr;
import io.kyrodb.engine.expr.ScalarSubqueryExpr;
import io.kyrodb.engine.expr.SubPlan;
import io.kyrodb.engine.plan.CardinalityEstimator;
import io.kyrodb.engine.plan.PlanEstimates;
import io.kyrodb.engine.plan.PlannerOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Subquery decorrelation: a WHERE condition (one of its ANDed parts, already pushed down to the
 * table it correlates with) that is
 * <ul>
 * <li>{@code EXISTS (SELECT ... WHERE i = o ...)}: a Hash Semi Join of the table with the subquery
 *     run once without the correlation, by {@code o = i} (each outer row at most once);</li>
 * <li>{@code NOT EXISTS (...)}: a Hash Anti Join the same way;</li>
 * <li>{@code x IN (SELECT y ...)}, uncorrelated: a Hash Semi Join by {@code x = y};</li>
 * <li>{@code x NOT IN (SELECT y ...)}, uncorrelated: a null-aware Hash Anti Join (no row at all
 *     once the subquery returns a NULL; a NULL x only when it returns nothing), PostgreSQL's NOT IN;</li>
 * <li>a comparison with {@code (SELECT agg(...) ... WHERE i = o ...)}: the subquery grouped by
 *     {@code i} once, each outer row looking its value up (COUNT over no rows is 0, not NULL)</li>
 * </ul>
 * where the correlation is equalities of the subquery's columns with this row's (the binder's
 * {@code SubqueryDecorrelation} decides what qualifies and binds the uncorrelated form; any other
 * use of an outer column, LIMIT, GROUP BY and the like keep the subquery per row).
 *
 * <p>Where it pays: with {@code optimizer_cost_based} off, always. Else by estimate ({@link #pays}):
 * per row, a subquery that reads its table by key or index costs a probe and the rows it reads
 * per outer row (one that scans costs the table per outer row); decorrelated, it reads its table
 * once and each outer row probes a hash table. So a small outer side with an index keeps the
 * per-row probe, and so does an EXISTS whose probe stops at its first row unless the outer side
 * is a large share of the subquery's table. An uncorrelated IN runs once either way (a hashed SubPlan); it is rewritten so the join
 * can spill.
 */
public final class SubqueryDecorrelationRule implements RewriteRule {
    /** The work of one per-row index probe, in rows the uncorrelated form scans and hashes. */
    static final double PROBE_ROWS = 3;
    /** The work of each row a per-row probe reads, the same way. */
    static final double FETCH_ROWS = 1.5;
    /** What a per-row run of an aggregate subquery costs besides its probe. */
    static final double AGGREGATE_ROWS = 15;
    /** The work of each index entry a per-row {@code count(*)} counts without running its plan. */
    static final double COUNTED_ROWS = 0.1;

    SubqueryDecorrelationRule() {
    }

    @Override
    public String setting() {
        return "enable_decorrelation";
    }

    @Override
    public boolean enabled(PlannerOptions options) {
        return options.decorrelation();
    }

    /** A condition the rule rewrites: its uncorrelated form and the join that replaces it. */
    public record Rewrite(BoundExpr condition, DecorrelatedSubquery form, JoinType type, ScalarSubqueryExpr scalar) {
    }

    /**
     * The {@code conditions} (ANDed, over rows of one input estimated at {@code outerRows}) the
     * rule rewrites; the caller filters with the others first, then puts {@link #join} above.
     * {@code prepared}: the binder's uncorrelated forms, by subquery (null: none).
     */
    public List<Rewrite> choose(List<BoundExpr> conditions, double outerRows,
                                Function<SubPlan, DecorrelatedSubquery> prepared, PlannerOptions options) {
        List<Rewrite> out = new ArrayList<>();
        if (!enabled(options)) {
            return out;
        }
        for (BoundExpr c : conditions) {
            Rewrite r = candidate(c, prepared);
            if (r != null && pays(r.form(), outerRows, options)) {
                out.add(r);
            }
        }
        return out;
    }

    private static Rewrite candidate(BoundExpr c, Function<SubPlan, DecorrelatedSubquery> prepared) {
        boolean negated = false;
        BoundExpr e = c;
        if (e instanceof NotExpr n && n.operand() instanceof ExistsExpr) {
            negated = true;
            e = n.operand();
        }
        if (e instanceof ExistsExpr x) {
            DecorrelatedSubquery d = prepared.apply(x.subPlan());
            return d == null ? null : new Rewrite(c, d, negated ? JoinType.ANTI : JoinType.SEMI, null);
        }
        if (e instanceof InSubqueryExpr in) {
            DecorrelatedSubquery d = prepared.apply(in.subPlan());
            return d == null ? null : new Rewrite(c, d, in.negated() ? JoinType.NULL_AWARE_ANTI : JoinType.SEMI, null);
        }
        List<SubPlan> subPlans = ExprTree.subPlans(c);
        if (subPlans.size() != 1 || !rebuildable(c)) {
            return null;
        }
        DecorrelatedSubquery d = prepared.apply(subPlans.get(0));
        if (d == null || d.kind() != DecorrelatedSubquery.Kind.SCALAR) {
            return null;
        }
        ScalarSubqueryExpr[] scalar = new ScalarSubqueryExpr[1];
        ExprTree.forEach(c, x -> {
            if (x instanceof ScalarSubqueryExpr s) {
                scalar[0] = s;
            }
        });
        return scalar[0] == null ? null : new Rewrite(c, d, null, scalar[0]);
    }

    /** Whether the rule can rebuild {@code e} with its subquery replaced by a slot: these node kinds only. */
    private static boolean rebuildable(BoundExpr e) {
        return switch (e) {
            case ScalarSubqueryExpr s -> true;
            case CompareExpr c -> rebuildable(c.left()) && rebuildable(c.right());
            case CastExpr c -> rebuildable(c.operand());
            case LogicalExpr l -> rebuildable(l.left()) && rebuildable(l.right());
            case NotExpr n -> rebuildable(n.operand());
            case IsNullExpr n -> rebuildable(n.operand());
            default -> ExprTree.subPlans(e).isEmpty();
        };
    }

    private static BoundExpr replace(BoundExpr e, ScalarSubqueryExpr target, BoundExpr with) {
        return switch (e) {
            case ScalarSubqueryExpr s -> s == target ? with : s;
            case CompareExpr c -> new CompareExpr(c.op(), replace(c.left(), target, with), replace(c.right(), target, with));
            case CastExpr c -> new CastExpr(replace(c.operand(), target, with), c.type(), c.explicit());
            case LogicalExpr l -> new LogicalExpr(l.isAnd(), replace(l.left(), target, with), replace(l.right(), target, with));
            case NotExpr n -> new NotExpr(replace(n.operand(), target, with));
            case IsNullExpr n -> new IsNullExpr(replace(n.operand(), target, with), n.negated());
            default -> e;
        };
    }

    /**
     * Whether the uncorrelated form is estimated cheaper than running the subquery per outer row.
     * Costs are in rows scanned and hashed once (what the uncorrelated form pays per row of the
     * subquery's table); a per-row index probe costs {@link #PROBE_ROWS}, each row it reads
     * {@link #FETCH_ROWS}, and an aggregate's per-row run {@link #AGGREGATE_ROWS} more; a
     * {@code count(*)} counted from the index's entries ({@link DecorrelatedSubquery#counted}) costs
     * its probe and {@link #COUNTED_ROWS} an entry. Measured in CPU time with {@code bin/bench
     * analytic --versus} (q06-q09: a probe that stops at its first row ~2 us, a hashed row ~0.6
     * us, a per-row aggregate of 13 rows ~24 us) and, for the counted form, q06 over 250,000 orders
     * (4,141 counts of ~13 entries in 4.5-5.5 ms: ~1.2 us each) and over 20,000 (its decorrelated
     * form, 20,000 orders grouped and 4,141 customers joined, 16-17 ms).
     */
    boolean pays(DecorrelatedSubquery d, double outerRows, PlannerOptions options) {
        if (!options.costBased() || d.kind() == DecorrelatedSubquery.Kind.IN) {
            return true;
        }
        double innerRows = scannedRows(d.inner(), options.estimator());
        double perRow = d.rowsPerProbe() < 0 ? Math.max(innerRows, 1)
                : d.counted() ? PROBE_ROWS + COUNTED_ROWS * d.rowsPerProbe()
                : PROBE_ROWS + FETCH_ROWS * d.rowsPerProbe()
                        + (d.kind() == DecorrelatedSubquery.Kind.SCALAR ? AGGREGATE_ROWS : 0);
        return outerRows * perRow > innerRows + outerRows;
    }

    /** The rows the tables {@code plan} scans hold: what reading it once costs. */
    private static double scannedRows(PlanNode plan, CardinalityEstimator estimator) {
        if (plan instanceof ScanNode scan) {
            return estimator.tableRows(scan.table());
        }
        double sum = 0;
        for (PlanNode child : plan.children()) {
            sum += scannedRows(child, estimator);
        }
        return sum;
    }

    /**
     * {@code input} (estimated {@code rows}, already filtered by the conditions not rewritten)
     * under the joins of {@code rewrites}, innermost first. {@code freeSlot}: a row slot past the
     * input's, where a SCALAR rewrite puts the value it looked up; {@code text}: an outer
     * expression as EXPLAIN prints it.
     */
    public PlanNode join(PlanNode input, double rows, List<Rewrite> rewrites, PlanEstimates estimates, int freeSlot,
                         Function<BoundExpr, String> text) {
        PlanNode plan = input;
        for (Rewrite r : rewrites) {
            DecorrelatedSubquery d = r.form();
            HashNode hash = new HashNode(d.inner());
            if (r.scalar() != null) {
                BoundExpr slot = new ColumnExpr(freeSlot, r.scalar().type(), "", "", true);
                BoundExpr predicate = replace(r.condition(), r.scalar(), slot);
                String filter = text.apply(replace(r.condition(), r.scalar(),
                        new ColumnExpr(freeSlot, r.scalar().type(), "", "(subquery)", true)));
                plan = estimates.put(new GroupedLookupFilterNode(plan, hash, d.outerKeys(), d.missing(), freeSlot,
                        predicate, d.condition(), filter), rows);
            } else {
                plan = estimates.put(new HashJoinNode(plan, hash, r.type(), d.outerKeys(), d.innerKeys(), null,
                        new int[0], d.condition(), null), rows);
            }
        }
        return plan;
    }
}
