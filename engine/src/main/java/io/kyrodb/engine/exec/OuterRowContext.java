package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.expr.SequenceCalls;
import io.kyrodb.engine.expr.SubPlan;

import java.util.Map;

/**
 * What a subquery's expressions see when it runs for outer row {@code row} of {@code outer}
 * (the context of the query holding the subquery), without a nested {@link ExecContext}:
 * {@code row} is the nearest outer row and the enclosing ones shift out by one. Only
 * {@link #open} and {@link #results} make the nested context, when first asked for.
 */
final class OuterRowContext implements EvalContext {
    private final ExecContext outer;
    private final Object[] row;
    private ExecContext nested;

    OuterRowContext(ExecContext outer, Object[] row) {
        this.outer = outer;
        this.row = row;
    }

    @Override
    public Object[] params() {
        return outer.params();
    }

    @Override
    public Object[] outerRow(int levelsUp) {
        return levelsUp == 0 ? row : outer.outerRow(levelsUp - 1);
    }

    @Override
    public RowIterator open(PlanNode plan, Object[] inner) {
        return nested().open(plan, inner);
    }

    @Override
    public Map<Object, Object> results(SubPlan subPlan) {
        return nested().results(subPlan);
    }

    @Override
    public long memoryBudget() {
        return outer.memoryBudget();
    }

    @Override
    public SequenceCalls sequences() {
        return outer.sequences();
    }

    private ExecContext nested() {
        if (nested == null) {
            nested = outer.nested(row);
        }
        return nested;
    }
}
