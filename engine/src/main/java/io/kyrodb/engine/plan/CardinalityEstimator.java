package io.kyrodb.engine.plan;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;

/**
 * Estimates how many rows a plan's parts produce, for the cost-based choices (join order, which
 * input a hash join builds, key joins, index versus scan) and for EXPLAIN. The baseline is
 * {@link HistogramEstimator} (ANALYZE's statistics); a learned estimator (ARCHITECTURE.md,
 * "Learned parts") implements the same interface and corrects it. Implementations must be cheap:
 * the planner asks per condition and per candidate join.
 */
public interface CardinalityEstimator {
    /** Named on EXPLAIN's {@code Estimator:} line, e.g. {@code histogram}. */
    String name();

    /** The rows {@code table} holds. */
    double tableRows(Table table);

    /**
     * The share (0..1) of rows for which {@code condition} is true. Its column references are
     * slots of a joined row; {@code columns} says which table column a slot holds (null: a
     * computed value, about which nothing is known).
     */
    double selectivity(BoundExpr condition, Columns columns);

    /**
     * The share of the pairs of a {@code leftRows} x {@code rightRows} cross product for which
     * {@code left = right} holds (either may be null when it is not a plain column).
     */
    double equiJoinSelectivity(ColumnRef left, double leftRows, ColumnRef right, double rightRows);

    /** The number of groups {@code GROUP BY columns} makes of {@code inputRows} rows (null entries: expressions). */
    double groups(java.util.List<ColumnRef> columns, double inputRows);

    /** A column of a table. */
    record ColumnRef(Table table, int column) {
    }

    /** Which table column a row slot holds. */
    @FunctionalInterface
    interface Columns {
        ColumnRef at(int slot);
    }
}
