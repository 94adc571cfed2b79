package io.kyrodb.engine.exec;

import io.kyrodb.engine.util.UntilNull;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rows of {@code table} a secondary index finds by its leading column: those equal to one of
 * {@code points} ({@code col = v}, {@code col IN (...)}), or, when {@code points} is null, those in a
 * range ({@code <, <=, >, >=, BETWEEN}; either bound may be absent). Each entry leads to its row
 * by the row's key. The values depend on no row. The filter the lookup came from still runs on
 * every row found, so the index only narrows: it must find every matching row, and each only once.
 */
public record IndexScanNode(Table table, Index index, List<BoundExpr> points, BoundExpr lower, boolean lowerInclusive,
                            BoundExpr upper, boolean upperInclusive) implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx) {
        Iterator<Map.Entry<Object, Object[]>> rows = entries(ctx.view(), ctx);
        return () -> {
            ctx.checkCancel();
            return rows.hasNext() ? rows.next().getValue() : null;
        };
    }

    /** The rows found, as {@code view} sees them, with their keys (also for UPDATE and DELETE). */
    public Iterator<Map.Entry<Object, Object[]>> entries(ReadView view, EvalContext ctx) {
        Iterator<Object[]> entries = points != null ? pointEntries(ctx, view) : rangeEntries(ctx, view);
        return UntilNull.of(() -> {
            while (entries.hasNext()) {
                Object key = index.rowKey(entries.next());
                Object[] row = table.data().get(key, view);
                if (row != null) {
                    return new AbstractMap.SimpleImmutableEntry<>(key, row);
                }
            }
            return null;
        });
    }

    private SqlType columnType() {
        return table.columns().get(index.column(0)).type();
    }

    /** The entries of each distinct point value that a column value can equal (NULL equals nothing). */
    private Iterator<Object[]> pointEntries(EvalContext ctx, ReadView view) {
        List<Object> values = new ArrayList<>();
        Set<GroupKey> seen = new HashSet<>();
        for (BoundExpr p : points) {
            Object v = p.eval(null, ctx);
            if (v == null) {
                continue;
            }
            Object stored;
            try {
                stored = Casts.convert(v, columnType(), false);
            } catch (RuntimeException outOfColumnRange) {
                continue;   // e.g. 1e12 against an integer column: no row can match
            }
            if (!Values.sameValue(stored, v)) {
                continue;   // 2.5 against an integer column
            }
            if (seen.add(new GroupKey(new Object[]{stored}))) {
                values.add(stored);
            }
        }
        Iterator<Object> each = values.iterator();
        return new Iterator<>() {
            private Iterator<Object[]> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext()) {
                    if (!each.hasNext()) {
                        return false;
                    }
                    current = IndexMaintenance.matching(index, new Object[]{each.next()}, view);
                }
                return true;
            }

            @Override
            public Object[] next() {
                hasNext();
                return current.next();
            }
        };
    }

    /** The entries from the lower bound (or the first) while their value is not NULL and not past the upper bound. */
    private Iterator<Object[]> rangeEntries(EvalContext ctx, ReadView view) {
        Object lo = lower == null ? null : lower.eval(null, ctx);
        Object hi = upper == null ? null : upper.eval(null, ctx);
        if ((lower != null && lo == null) || (upper != null && hi == null)) {
            return Collections.emptyIterator();   // a comparison with NULL is never true
        }
        byte[] from = lo == null ? null : seekKey(lo);
        Iterator<Map.Entry<Object, Object[]>> all = index.storage().data().entries(view, from);
        return UntilNull.of(() -> {
            if (!all.hasNext()) {
                return null;
            }
            Object[] e = all.next().getValue();
            if (Boolean.TRUE.equals(e[0])) {
                return null;   // NULLs come last; no comparison is true of them
            }
            if (hi != null) {
                int c = Values.compare(e[1], hi);
                if (c > 0 || (c == 0 && !upperInclusive)) {
                    return null;   // key order: nothing after it can be in range
                }
            }
            return e;
        });
    }

    /** Where to start: at or before the first entry whose value is at or above {@code lo}; null from the start. */
    private byte[] seekKey(Object lo) {
        SqlType type = columnType();
        Object v;
        try {
            v = Casts.convert(lo, type, false);
        } catch (RuntimeException notStorable) {
            return null;
        }
        if (Values.compare(v, lo) > 0) {
            if (!type.kind().isInteger()) {
                return null;   // rounded or cut past the bound: start at the beginning, the filter decides
            }
            v = Values.narrow(((Number) v).longValue() - 1, type);
        }
        return KeyCodec.encode(index.prefix(v));
    }

    @Override
    public String describe() {
        return "Index Scan using " + index.name() + " on " + table.name();
    }

    @Override
    public List<String> details() {
        String column = table.columns().get(index.column(0)).name();
        if (points != null) {
            return List.of("Index Cond: " + column + (points.size() == 1 ? " = value" : " IN " + points.size() + " values"));
        }
        List<String> parts = new ArrayList<>();
        if (lower != null) {
            parts.add(column + (lowerInclusive ? " >= " : " > ") + "value");
        }
        if (upper != null) {
            parts.add(column + (upperInclusive ? " <= " : " < ") + "value");
        }
        return List.of("Index Cond: " + String.join(" AND ", parts));
    }

    @Override
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new ArrayList<>();
        if (points != null) {
            out.addAll(points);
        }
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
