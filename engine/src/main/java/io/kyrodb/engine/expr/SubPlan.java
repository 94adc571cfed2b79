package io.kyrodb.engine.expr;

import io.kyrodb.engine.exec.PlanNode;
import io.kyrodb.engine.exec.RowIterator;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A query nested in an expression: its operator tree and the outer columns it reads. Without outer
 * references its result is the same for every row of the statement, so it runs at most once per
 * execution (PostgreSQL's InitPlan); with them it runs per outer row (a SubPlan), and a result is
 * reused for outer rows that carry the same values in the referenced columns, up to
 * {@link #MAX_CACHED} distinct ones.
 *
 * <p>Identity matters: the cache is keyed by the SubPlan instance, so the binder creates one per
 * subquery it binds.
 *
 * @param outerRefs the outer values the result depends on, relative to the row the subquery is
 *                  evaluated against ({@code levelsUp} 0 = that row, 1 = its enclosing query's row...)
 */
public record SubPlan(PlanNode root, List<OuterRef> outerRefs) {
    /** Distinct outer values whose results a correlated subplan keeps per execution. */
    public static final int MAX_CACHED = 4096;

    /** The column {@code index} of the row {@code levelsUp} levels out from where the subquery is evaluated. */
    public record OuterRef(int levelsUp, int index) {
    }

    public boolean correlated() {
        return !outerRefs.isEmpty();
    }

    /**
     * What {@code compute} makes of the plan's rows when run for {@code row}, or the value an earlier
     * run with the same outer values produced. {@code compute} must not keep the iterator.
     */
    @SuppressWarnings("unchecked")
    <T> T result(Object[] row, EvalContext ctx, Function<RowIterator, T> compute) {
        Object key = key(row, ctx);
        Map<Object, Object> cache = ctx.results(this);
        if (cache.containsKey(key)) {
            return (T) cache.get(key);
        }
        T value = compute.apply(ctx.open(root, row));
        if (cache.size() < MAX_CACHED) {
            cache.put(key, value);
        }
        return value;
    }

    /** Runs the plan for {@code row}, without the cache. */
    RowIterator open(Object[] row, EvalContext ctx) {
        return ctx.open(root, row);
    }

    private Object key(Object[] row, EvalContext ctx) {
        if (outerRefs.isEmpty()) {
            return List.of();
        }
        Object[] values = new Object[outerRefs.size()];
        for (int i = 0; i < values.length; i++) {
            OuterRef ref = outerRefs.get(i);
            Object[] source = ref.levelsUp() == 0 ? row : ctx.outerRow(ref.levelsUp() - 1);
            values[i] = source[ref.index()];
        }
        return Arrays.asList(values);
    }

    /** Identity, not the plan's structure: each bound subquery has its own cache entry. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
