package io.kyrodb.engine.plan;

/**
 * The session's planner switches (engine/.../settings/Setting.java declares them) and the
 * estimator the planner asks. {@code costBased} off turns every cost-based choice off: joins run
 * in the order the query writes them, a hash join builds its right (written second) input, no key
 * join replaces a hash join, an index is used whenever one applies, and every subquery the
 * decorrelation rule can rewrite is rewritten; estimates then only feed EXPLAIN. The method
 * switches are PostgreSQL's: off discourages a method, used only when nothing else can answer (a
 * nested loop is the only join without an equality). {@code seqScan} off (enable_seqscan) makes a
 * secondary index that can answer a table's condition win over the scan the estimates would
 * choose. {@code incrementalSort} off (enable_incremental_sort) sorts rows that arrive partly
 * sorted as if they did not. The rewrite rules' switches ({@code pushdown}, {@code constantFolding},
 * {@code decorrelation}, {@code distinctPushdown}, {@code columnPruning}) are listed with their rules in {@link io.kyrodb.engine.plan.rules.RewriteRules}.
 */
public record PlannerOptions(CardinalityEstimator estimator, boolean costBased, boolean hashJoin, boolean nestLoop,
                             boolean indexScan, boolean joinReorder, boolean pushdown, boolean constantFolding,
                             boolean decorrelation, boolean seqScan, boolean indexOnlyScan,
                             boolean distinctPushdown, boolean columnPruning, boolean incrementalSort) {

    /** Every switch as given, the column pruning rule on and incremental sorts allowed. */
    public PlannerOptions(CardinalityEstimator estimator, boolean costBased, boolean hashJoin, boolean nestLoop,
                          boolean indexScan, boolean joinReorder, boolean pushdown, boolean constantFolding,
                          boolean decorrelation, boolean seqScan, boolean indexOnlyScan, boolean distinctPushdown) {
        this(estimator, costBased, hashJoin, nestLoop, indexScan, joinReorder, pushdown, constantFolding,
                decorrelation, seqScan, indexOnlyScan, distinctPushdown, true, true);
    }

    /** Every switch as given, the distinct push-down rule on. */
    public PlannerOptions(CardinalityEstimator estimator, boolean costBased, boolean hashJoin, boolean nestLoop,
                          boolean indexScan, boolean joinReorder, boolean pushdown, boolean constantFolding,
                          boolean decorrelation, boolean seqScan, boolean indexOnlyScan) {
        this(estimator, costBased, hashJoin, nestLoop, indexScan, joinReorder, pushdown, constantFolding,
                decorrelation, seqScan, indexOnlyScan, true);
    }

    /** Every switch as given, index-only scans allowed (as enable_indexscan allows them). */
    public PlannerOptions(CardinalityEstimator estimator, boolean costBased, boolean hashJoin, boolean nestLoop,
                          boolean indexScan, boolean joinReorder, boolean pushdown, boolean constantFolding,
                          boolean decorrelation, boolean seqScan) {
        this(estimator, costBased, hashJoin, nestLoop, indexScan, joinReorder, pushdown, constantFolding,
                decorrelation, seqScan, true);
    }

    /** The switches before the constant folding and decorrelation rules and enable_seqscan: those on. */
    public PlannerOptions(CardinalityEstimator estimator, boolean costBased, boolean hashJoin, boolean nestLoop,
                          boolean indexScan, boolean joinReorder, boolean pushdown) {
        this(estimator, costBased, hashJoin, nestLoop, indexScan, joinReorder, pushdown, true, true, true);
    }

    /** Every switch as given, sequential scans allowed. */
    public PlannerOptions(CardinalityEstimator estimator, boolean costBased, boolean hashJoin, boolean nestLoop,
                          boolean indexScan, boolean joinReorder, boolean pushdown, boolean constantFolding,
                          boolean decorrelation) {
        this(estimator, costBased, hashJoin, nestLoop, indexScan, joinReorder, pushdown, constantFolding,
                decorrelation, true);
    }

    /** Every switch on, estimates from whatever statistics the tables already have. */
    public static PlannerOptions defaults() {
        return new PlannerOptions(new HistogramEstimator(t -> t.statistics()), true, true, true, true, true, true,
                true, true, true, true, true, true, true);
    }

    /**
     * Whether a query that reads only a secondary index's columns and the primary key may answer
     * from the index entries without reading rows (enable_indexonlyscan; enable_indexscan off turns
     * every secondary index off, this one included).
     */
    public boolean indexOnly() {
        return indexScan && indexOnlyScan;
    }

    /** Whether the planner may reorder joins by estimate. */
    public boolean reorder() {
        return costBased && joinReorder;
    }
}
