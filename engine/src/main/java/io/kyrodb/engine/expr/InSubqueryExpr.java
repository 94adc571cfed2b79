package io.kyrodb.engine.expr;

import io.kyrodb.engine.exec.RowIterator;
import io.kyrodb.engine.types.HeapSize;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.TreeSet;

/**
 * {@code x [NOT] IN (SELECT y ...)} with SQL's three-valued logic: TRUE when some y equals x; else
 * NULL when x is NULL or some y is NULL (either might have matched); else FALSE. Over no rows it is
 * FALSE (NOT IN: TRUE), even for a NULL x. {@code element} turns a subquery row into the value
 * compared (its first column, cast to the type {@code value} was converted to).
 *
 * <p>An uncorrelated subquery's values are collected once per execution into a sorted set, so each
 * probe is a lookup (PostgreSQL's hashed SubPlan), as long as the set fits in work_mem. A
 * correlated one, or one whose values do not fit, runs again for each probe and stops at the
 * first match, holding nothing.
 */
public record InSubqueryExpr(BoundExpr value, SubPlan subPlan, BoundExpr element, boolean negated)
        implements BoundExpr {

    /** Per tree-set entry, besides the value: the node with its links. */
    private static final long ENTRY_BYTES = 40;

    /** The distinct non-NULL values of one run, whether it returned a NULL, whether it returned nothing. */
    private record Collected(TreeSet<Object> values, boolean sawNull, boolean empty) {
    }

    @Override
    public SqlType type() {
        return SqlType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row, EvalContext ctx) {
        Object v = value.eval(row, ctx);
        if (!subPlan.correlated()) {
            Collected c = subPlan.result(row, ctx, rows -> collect(rows, ctx));
            if (c != null) {
                if (c.empty()) {
                    return negated;
                }
                if (v != null && c.values().contains(v)) {
                    return !negated;
                }
                return v == null || c.sawNull() ? null : negated;
            }
        }
        return scan(v, subPlan.open(row, ctx), ctx);
    }

    /** The subquery's values as a set, or null when they would take more than the memory budget. */
    private Collected collect(RowIterator rows, EvalContext ctx) {
        long budget = ctx.memoryBudget();
        long bytes = 0;
        TreeSet<Object> values = new TreeSet<>(Values::compare);
        boolean sawNull = false;
        boolean empty = true;
        for (Object[] r; (r = rows.next()) != null; ) {
            empty = false;
            Object v = element.eval(r, ctx);
            if (v == null) {
                sawNull = true;
            } else if (values.add(v)) {
                bytes += HeapSize.of(v) + ENTRY_BYTES;
                if (bytes > budget) {
                    return null;
                }
            }
        }
        return new Collected(values, sawNull, empty);
    }

    /** Compares {@code v} with each row until one decides the answer. */
    private Object scan(Object v, RowIterator rows, EvalContext ctx) {
        boolean empty = true;
        boolean sawNull = false;
        for (Object[] r; (r = rows.next()) != null; ) {
            empty = false;
            if (v == null) {
                return null;   // some row exists, and NULL compared with it is unknown
            }
            Object x = element.eval(r, ctx);
            if (x == null) {
                sawNull = true;
            } else if (Values.compare(v, x) == 0) {
                return !negated;
            }
        }
        if (empty) {
            return negated;
        }
        return sawNull ? null : negated;
    }
}
