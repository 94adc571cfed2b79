package io.kyrodb.engine.exec;

import io.kyrodb.engine.util.UntilNull;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The rows whose first primary-key column lies in a range, in key order: each run seeks to the
 * lower bound through its index (the learned model finds the start) and the scan stops past the
 * upper bound. Either bound may be absent; both depend on no row. The filter the range came from
 * still runs on every row, so the range only has to include every matching row: a lower bound
 * that cannot be stored in the key's type just starts the scan at the beginning.
 */
public record KeyRangeNode(Table table, BoundExpr lower, boolean lowerInclusive, BoundExpr upper, boolean upperInclusive)
        implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx) {
        Object[] bounds = bounds(ctx);
        if (bounds == null) {
            return () -> null;
        }
        Object hi = bounds[1];
        int column = table.primaryKeyColumn(0);
        Supplier<Object[]> rows = table.data().rows(ctx.view(), seekKey(bounds[0]), null);
        return new RowIterator() {
            private boolean done;

            @Override
            public Object[] next() {
                ctx.checkCancel();
                Object[] row = done ? null : rows.get();
                if (row == null || pastUpper(row[column], hi)) {
                    done = true;   // key order: nothing after it can be in range
                    return null;
                }
                return row;
            }
        };
    }

    /** The rows in range as {@code view} sees them, with their keys (also for UPDATE and DELETE). */
    public Iterator<Map.Entry<Object, Object[]>> entries(ReadView view, EvalContext ctx) {
        Object[] bounds = bounds(ctx);
        if (bounds == null) {
            return Collections.emptyIterator();
        }
        Object hi = bounds[1];
        int column = table.primaryKeyColumn(0);
        Iterator<Map.Entry<Object, Object[]>> all = table.data().entries(view, seekKey(bounds[0]));
        return UntilNull.of(() -> {
            if (!all.hasNext()) {
                return null;
            }
            Map.Entry<Object, Object[]> e = all.next();
            return pastUpper(e.getValue()[column], hi) ? null : e;
        });
    }

    /**
     * The bounds' values, lower then upper (null where absent), or null when a bound is NULL: a
     * comparison with NULL is never true, so no row is in range.
     */
    private Object[] bounds(EvalContext ctx) {
        Object lo = lower == null ? null : lower.eval(null, ctx);
        Object hi = upper == null ? null : upper.eval(null, ctx);
        return (lower != null && lo == null) || (upper != null && hi == null) ? null : new Object[] {lo, hi};
    }

    /** Whether a key column value lies past the upper bound {@code hi} (null: none); key order: so does every later one. */
    private boolean pastUpper(Object value, Object hi) {
        if (hi == null) {
            return false;
        }
        int c = Values.compare(value, hi);
        return c > 0 || (c == 0 && !upperInclusive);
    }

    /**
     * Where to start: the lower bound {@code lo} (null: none) as a value of the key column's type,
     * encoded; null to start at the beginning.
     */
    private byte[] seekKey(Object lo) {
        if (lo == null) {
            return null;
        }
        SqlType type = table.columns().get(table.primaryKeyColumn(0)).type();
        Object v;
        try {
            v = Casts.convert(lo, type, false);
        } catch (RuntimeException outOfRange) {
            return null;
        }
        if (Values.compare(v, lo) > 0 && type.kind().isInteger()) {
            // Rounded up past the bound (2.5 -> 3 is fine, but be exact): one less is still at or below it.
            v = Values.narrow(((Number) v).longValue() - 1, type);
        }
        return KeyCodec.encode(v);
    }

    @Override
    public String describe() {
        return "Index Scan using " + table.name() + "_pkey on " + table.name();
    }

    @Override
    public List<String> details() {
        return List.of("Index: " + table.data().indexDescription());
    }

    /** {@code Index Cond: ((d >= 10) AND (d <= 11))} on the key's first column; the index kind under VERBOSE. */
    @Override
    public void explain(ExplainDetails out) {
        String column = ExplainDetails.columnName(table, table.primaryKeyColumn(0));
        List<String> parts = new ArrayList<>();
        if (lower != null) {
            parts.add("(" + column + (lowerInclusive ? " >= " : " > ") + out.deparse(lower) + ")");
        }
        if (upper != null) {
            parts.add("(" + column + (upperInclusive ? " <= " : " < ") + out.deparse(upper) + ")");
        }
        if (!parts.isEmpty()) {
            out.indexCond(parts);
        }
        if (out.verbose()) {
            out.text("Index", table.data().indexDescription());
        }
    }

    @Override
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new ArrayList<>(2);
        if (lower != null) {
            out.add(lower);
        }
        if (upper != null) {
            out.add(upper);
        }
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}
