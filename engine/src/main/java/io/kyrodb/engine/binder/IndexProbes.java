package io.kyrodb.engine.binder;

import io.kyrodb.engine.exec.AggregateCall;
import io.kyrodb.engine.exec.AggregateFunction;
import io.kyrodb.engine.exec.AggregateNode;
import io.kyrodb.engine.exec.FilterNode;
import io.kyrodb.engine.exec.IndexOnlyScanNode;
import io.kyrodb.engine.exec.IndexProbe;
import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.ProjectNode;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.expr.ConstExpr;
import io.kyrodb.engine.expr.ExprTree;
import io.kyrodb.engine.expr.SequenceExpr;
import io.kyrodb.engine.expr.SubPlan;

/**
 * Direct index probes for correlated subqueries ({@link IndexProbe}): a subquery whose plan is an
 * Index Only Scan (so enable_indexonlyscan and the index's coverage already decided), maybe a
 * Filter over it, and then only {@code count(*)} (a scalar subquery) or constant output (EXISTS)
 * is answered per outer row from the index entries. The lookup's values and the filter must read
 * no subquery and no sequence, so evaluating them outside the plan changes nothing. Uncorrelated
 * subqueries keep their plan: it runs once per execution anyway.
 */
final class IndexProbes {
    private IndexProbes() {
    }

    /** The probe that counts for {@code (SELECT count(*) FROM t WHERE ...)}, or null. */
    static IndexProbe count(SubPlan subPlan) {
        if (!subPlan.correlated() || !(subPlan.root() instanceof ProjectNode project)
                || project.expressions().size() != 1
                || !(project.expressions().getFirst() instanceof ColumnExpr c) || c.index() != 0
                || !(project.child() instanceof AggregateNode aggregate) || !aggregate.groups().isEmpty()
                || aggregate.aggregates().size() != 1 || !countStar(aggregate.aggregates().getFirst())) {
            return null;
        }
        return probe(aggregate.child());
    }

    /** The probe that tests for {@code EXISTS (SELECT 1 FROM t WHERE ...)}, or null. */
    static IndexProbe exists(SubPlan subPlan) {
        if (!subPlan.correlated() || !(subPlan.root() instanceof ProjectNode project)
                || !project.expressions().stream().allMatch(e -> e instanceof ConstExpr || e instanceof ColumnExpr)) {
            return null;   // an output that could fail must still be computed, as the plan does
        }
        return probe(project.child());
    }

    private static boolean countStar(AggregateCall a) {
        return a.function() == AggregateFunction.COUNT && a.argument() == null && !a.distinct() && !a.filtered()
                && a.order() == null;
    }

    private static IndexProbe probe(PlanNode input) {
        BoundExpr filter = null;
        if (input instanceof FilterNode f) {
            filter = f.predicate();
            input = f.child();
        }
        if (!(input instanceof IndexOnlyScanNode scan) || (filter != null && !plain(filter))
                || !scan.expressions().stream().allMatch(IndexProbes::plain)) {
            return null;
        }
        return new IndexProbe(scan, filter);
    }

    /** Whether {@code e} runs no subquery and calls no sequence. */
    private static boolean plain(BoundExpr e) {
        boolean[] ok = {true};
        ExprTree.forEach(e, x -> {
            if (ExprTree.subPlanOf(x) != null || x instanceof SequenceExpr) {
                ok[0] = false;
            }
        });
        return ok[0];
    }
}
