package io.kyrodb.engine.plan.rules;

import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * The uncorrelated form of a subquery in a condition, which the binder prepares next to the
 * correlated one it binds (per-row execution stays the fallback): {@code inner} runs once and
 * returns the correlation keys ({@code innerKeys}, over its rows), for SCALAR followed by the
 * aggregate's value per key; {@code outerKeys} are the values they must equal, over the outer
 * query's rows. {@code missing}: SCALAR's value for a key with no rows (COUNT's 0, else NULL).
 * {@code rowsPerProbe}: when the correlated form reads the subquery's table through a key or
 * index per outer row, the rows one such probe is estimated to read (EXISTS stops at its first
 * match: about 1 / the share of the probed rows that pass its other conditions); -1 when it
 * scans the table per outer row instead. {@code counted}: the correlated form is a
 * {@code count(*)} answered per outer row by counting index entries, without running its plan
 * ({@code IndexProbes.count}). {@code condition}: the Hash Cond EXPLAIN prints.
 */
public record DecorrelatedSubquery(Kind kind, PlanNode inner, List<BoundExpr> outerKeys, List<BoundExpr> innerKeys,
                                   Object missing, double rowsPerProbe, boolean counted, String condition) {
    public enum Kind {
        /** {@code [NOT] EXISTS (SELECT ... WHERE inner = outer ...)}. */
        EXISTS,
        /** {@code x [NOT] IN (SELECT y ...)}, uncorrelated. */
        IN,
        /** {@code (SELECT agg(...) ... WHERE inner = outer ...)}, a value. */
        SCALAR
    }
}
