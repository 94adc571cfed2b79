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
     * EXPLAIN's details of this operator in PostgreSQL's words ({@code Index Cond}, {@code Sort Key},
     * ...): every operator goes through here, so text, JSON, YAML and XML show the same. The default
     * takes {@link #details()}, each {@code Label: value} line as that property; an operator that
     * evaluates expressions overrides this to deparse them with {@link ExplainDetails#expr}.
     */
    default void explain(ExplainDetails out) {
        for (String line : details()) {
            out.line(line);
        }
    }

    /**
     * The expressions this operator evaluates, for walking a plan (EXPLAIN lists the subqueries in
     * them; the binder finds a subquery's outer references in them).
     */
    default List<BoundExpr> expressions() {
        return List.of();
    }
}
