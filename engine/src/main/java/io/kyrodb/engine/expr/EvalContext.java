package io.kyrodb.engine.expr;

import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.RowIterator;

import java.util.Map;

/**
 * What evaluating an expression needs besides its input row: the statement's parameter values,
 * the rows of the enclosing queries (for a correlated subquery's outer references), and a way to
 * run a subquery's plan within the same execution (same snapshot, cancel flag, memory budget and
 * per-execution result cache). The executor's {@link io.kyrodb.engine.exec.ExecContext}
 * implements it. One execution runs on one thread at a time; nothing here is thread-safe.
 */
public interface EvalContext {
    Object[] params();

    /**
     * The row the enclosing query was on when it started this (sub)plan: {@code levelsUp} 0 is the
     * nearest enclosing query, 1 the one around it, and so on.
     */
    Object[] outerRow(int levelsUp);

    /** Starts {@code plan} with {@code row} as its nearest outer row (the enclosing ones shift out by one). */
    RowIterator open(PlanNode plan, Object[] row);

    /** The results {@code subPlan} computed earlier in this execution, by the outer values they depend on. */
    Map<Object, Object> results(SubPlan subPlan);

    /** The bytes one structure an expression builds (an IN subquery's set of values) may take: work_mem. */
    long memoryBudget();

    /** The session's side of nextval/currval/setval/lastval. */
    SequenceCalls sequences();
}
