package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * A physical operator. Nodes are immutable and reusable (a prepared statement keeps its tree);
 * {@link #open} starts one execution and returns its stateful iterator. Runs under the database
 * lock the statement holds.
 */
public interface PlanNode {
    RowIterator open(ExecContext ctx);

    /** One line for EXPLAIN, e.g. {@code Seq Scan on t}. */
    String describe();

    List<PlanNode> children();

    /** Lines EXPLAIN prints under {@link #describe()}, e.g. which index answered. */
    default List<String> details() {
        return List.of();
    }

    /**
     * The expressions this operator evaluates, for walking a plan (EXPLAIN lists the subqueries in
     * them; the binder finds a subquery's outer references in them).
     */
    default List<BoundExpr> expressions() {
        return List.of();
    }
}
