package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.storage.run.KeyCursor;

/**
 * A correlated subquery that only counts, or tests for, the index entries of one lookup, run
 * per outer row straight from the index ({@code (SELECT count(*) FROM t WHERE t.c = outer.x)},
 * {@code EXISTS (SELECT 1 FROM t WHERE t.c = outer.x)}): the lookup's values evaluated against
 * the outer row, the statement's reused cursor seeked ({@link IndexOnlyScanNode}), and the entries
 * the reader's view sees counted, with {@code filter} (null: none) checked on the rows built from
 * them. It answers exactly what its subquery's plan (which EXPLAIN shows) answers, without
 * opening that plan, a nested context or the subquery's result cache per outer row.
 *
 * <p>Only for a statement's own {@link ExecContext} without EXPLAIN ANALYZE's instrumentation
 * ({@link #runs}): elsewhere the subquery's plan runs, so that every operator is measured.
 */
public record IndexProbe(IndexOnlyScanNode scan, BoundExpr filter) {

    /** Whether the probe answers in {@code ctx}; if not, the subquery's plan runs. */
    public boolean runs(EvalContext ctx) {
        return ctx instanceof ExecContext ec && ec.instrumentation() == null;
    }

    /** How many rows of the subquery's table the lookup and filter keep for outer row {@code row}. */
    public long count(Object[] row, EvalContext ctx) {
        return matches(row, ctx, Long.MAX_VALUE);
    }

    /** Whether the lookup and filter keep any row for outer row {@code row}. */
    public boolean exists(Object[] row, EvalContext ctx) {
        return matches(row, ctx, 1) > 0;
    }

    /** The rows the lookup and filter keep for outer row {@code row}, counted up to {@code limit}. */
    private long matches(Object[] row, EvalContext ctx, long limit) {
        ExecContext ec = (ExecContext) ctx;
        ec.checkCancel();
        OuterRowContext eval = new OuterRowContext(ec, row);
        if (filter == null) {
            return scan.count(ec, eval, limit);
        }
        KeyCursor entries = scan.entries(ec, eval);
        long n = 0;
        while (n < limit && entries.next()) {
            if (filter == null || keeps(entries, eval)) {
                n++;
            }
        }
        return n;
    }

    /** Identity, as its subquery's {@link io.kyrodb.engine.expr.SubPlan}: the expressions holding it compare cheaply. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    private boolean keeps(KeyCursor entries, EvalContext eval) {
        return Boolean.TRUE.equals(filter.eval(scan.row(entries.row()), eval));
    }
}
