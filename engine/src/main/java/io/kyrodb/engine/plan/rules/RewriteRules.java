package io.kyrodb.engine.plan.rules;

import java.util.List;

/**
 * The rewrite rules, in the order a query meets them: constant folding as each condition is
 * bound, then, as the FROM clause is planned, push-down of single-table conditions to their
 * table, then decorrelation of the subqueries those conditions hold (which needs to know the table
 * and its estimated rows, so it runs where a table's access is planned), then, as a GROUP BY over
 * joins is planned, distinct push-down into the joins' inputs, and column pruning of the key
 * joins (which columns of a looked-up row are decoded).
 */
public final class RewriteRules {
    public static final ConstantFoldingRule CONSTANT_FOLDING = new ConstantFoldingRule();
    public static final PushDownFilterRule PUSH_DOWN = new PushDownFilterRule();
    public static final SubqueryDecorrelationRule DECORRELATION = new SubqueryDecorrelationRule();
    public static final DistinctPushdownRule DISTINCT_PUSHDOWN = new DistinctPushdownRule();
    public static final ColumnPruningRule COLUMN_PRUNING = new ColumnPruningRule();

    public static final List<RewriteRule> ALL = List.of(CONSTANT_FOLDING, PUSH_DOWN, DECORRELATION,
            DISTINCT_PUSHDOWN, COLUMN_PRUNING);

    private RewriteRules() {
    }
}
