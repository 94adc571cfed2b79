package io.kyrodb.engine.exec;

import io.kyrodb.engine.util.UntilNull;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.EvalContext;
import io.kyrodb.engine.storage.PrefixProbe;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.run.KeyCursor;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.types.Values;

import java.util.AbstractMap;
import java.util.ArrayList;
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
 *
 * <p>Over a GIN index ({@link Index#gin}) the one point is a tsquery: the rows are those
 * {@link GinSearch} finds for it, in key order (every row when the query is only negations).
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
        if (index.gin()) {
            return ginEntries(view, ctx);
        }
        KeyCursor entries = indexEntries(view, ctx, null);
        return UntilNull.of(() -> {
            while (entries.next()) {
                Object key = index.rowKey(entries.row());
                Object[] row = table.data().get(key, view);
                if (row != null) {
                    return new AbstractMap.SimpleImmutableEntry<>(key, row);
                }
            }
            return null;
        });
    }

    private Iterator<Map.Entry<Object, Object[]>> ginEntries(ReadView view, EvalContext ctx) {
        java.util.NavigableSet<Object> keys;
        if (index.jsonbGin()) {
            keys = GinSearch.jsonbRowKeys(index, points.getFirst(), ctx, view);
        } else {
            Object q = points.getFirst().eval(null, ctx);
            if (q == null) {
                return java.util.Collections.emptyIterator();
            }
            keys = GinSearch.rowKeys(index, (io.kyrodb.engine.types.TsQuery) q, view);
        }
        if (keys == null) {
            return table.data().entries(view);
        }
        Iterator<Object> each = keys.iterator();
        return UntilNull.of(() -> {
            while (each.hasNext()) {
                Object key = each.next();
                Object[] row = table.data().get(key, view);
                if (row != null) {
                    return new AbstractMap.SimpleImmutableEntry<>(key, row);
                }
            }
            return null;
        });
    }

    /**
     * The index entries found, as {@code view} sees them (each a visible row with those values,
     * since entries are written with their rows): a cursor whose {@link KeyCursor#row()} is the
     * entry, decoded only when asked for ({@link IndexOnlyScanNode} counts without it). With a
     * {@code probe} of the index's entries under {@code view} (null: none), equalities seek it.
     */
    KeyCursor indexEntries(ReadView view, EvalContext ctx, PrefixProbe probe) {
        return points != null ? pointEntries(ctx, view, probe) : rangeEntries(ctx, view);
    }

    /**
     * How many entries {@link #indexEntries} returns, counted up to {@code limit}; an equality
     * with a {@code probe} counts in the probe's cursor without making one per call.
     */
    long countEntries(ReadView view, EvalContext ctx, PrefixProbe probe, long limit) {
        if (probe != null && points != null && points.size() == 1) {
            Object stored = storable(index, points.getFirst().eval(null, ctx));
            return stored == null ? 0 : probe.count(index.encodedPrefix(stored, probe.prefixBuffer()), limit);
        }
        KeyCursor entries = indexEntries(view, ctx, probe);
        long n = 0;
        while (n < limit && entries.next()) {
            n++;
        }
        return n;
    }

    /** The entries of one value: through {@code probe} when there is one. */
    private KeyCursor probe(Object value, ReadView view, PrefixProbe probe) {
        return probe == null ? IndexMaintenance.probe(index, new Object[]{value}, view)
                : probe.seek(index.encodedPrefix(value));
    }

    private SqlType columnType() {
        return index.type(0);
    }

    /** The entries of each distinct point value that a column value can equal (NULL equals nothing). */
    private KeyCursor pointEntries(EvalContext ctx, ReadView view, PrefixProbe probe) {
        if (points.size() == 1) {
            Object stored = storable(index, points.getFirst().eval(null, ctx));
            return stored == null ? KeyCursor.EMPTY : probe(stored, view, probe);
        }
        List<Object> values = new ArrayList<>();
        Set<GroupKey> seen = new HashSet<>();
        for (BoundExpr p : points) {
            Object stored = storable(index, p.eval(null, ctx));
            if (stored != null && seen.add(new GroupKey(new Object[]{stored}))) {
                values.add(stored);
            }
        }
        Iterator<Object> each = values.iterator();
        return new KeyCursor() {
            private KeyCursor current = KeyCursor.EMPTY;

            @Override
            public boolean next() {
                while (!current.next()) {
                    if (!each.hasNext()) {
                        return false;
                    }
                    current = probe(each.next(), view, probe);
                }
                return true;
            }

            @Override
            public byte[] key() {
                return current.key();
            }

            @Override
            public Object[] row() {
                return current.row();
            }

            @Override
            public boolean deleted() {
                return false;
            }
        };
    }

    /** {@code v} as {@code index}'s leading column stores it, or null when no column value can equal it. */
    static Object storable(Index index, Object v) {
        if (v == null) {
            return null;
        }
        SqlType columnType = index.type(0);
        if (storedAsIs(v, columnType.kind())) {
            return v;   // the column's own Java class: no conversion (an outer integer column against an integer index)
        }
        Object stored;
        try {
            stored = Casts.convert(v, columnType, false);
        } catch (RuntimeException outOfColumnRange) {
            return null;   // e.g. 1e12 against an integer column: no row can match
        }
        return stored == v || Values.sameValue(stored, v) ? stored : null;   // not 2.5 against an integer column
    }

    /** Whether {@code v} is already what a column of {@code kind} stores, with nothing to check (no length limit). */
    private static boolean storedAsIs(Object v, io.kyrodb.engine.types.TypeKind kind) {
        return switch (kind) {
            case INTEGER -> v instanceof Integer;
            case BIGINT -> v instanceof Long;
            case SMALLINT -> v instanceof Short;
            case TEXT -> v instanceof String;
            default -> false;
        };
    }

    /** The entries from the lower bound (or the first) while their value is not NULL and not past the upper bound. */
    private KeyCursor rangeEntries(EvalContext ctx, ReadView view) {
        Object lo = lower == null ? null : lower.eval(null, ctx);
        Object hi = upper == null ? null : upper.eval(null, ctx);
        if ((lower != null && lo == null) || (upper != null && hi == null)) {
            return KeyCursor.EMPTY;   // a comparison with NULL is never true
        }
        byte[] from = lo == null ? null : seekKey(lo);
        Iterator<Map.Entry<Object, Object[]>> all = index.storage().data().entries(view, from);
        return new KeyCursor() {
            private Object[] entry;

            @Override
            public boolean next() {
                if (!all.hasNext()) {
                    return false;
                }
                Object[] e = all.next().getValue();
                if (Boolean.TRUE.equals(e[0])) {
                    return false;   // NULLs come last; no comparison is true of them
                }
                if (hi != null) {
                    int c = Values.compare(e[1], hi);
                    if (c > 0 || (c == 0 && !upperInclusive)) {
                        return false;   // key order: nothing after it can be in range
                    }
                }
                entry = e;
                return true;
            }

            @Override
            public byte[] key() {
                return KeyCodec.encode(entry);
            }

            @Override
            public Object[] row() {
                return entry;
            }

            @Override
            public boolean deleted() {
                return false;
            }
        };
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
        if (index.gin()) {
            return "Bitmap Index Scan using " + index.name() + " on " + table.name();
        }
        return "Index Scan using " + index.name() + " on " + table.name();
    }

    @Override
    public List<String> details() {
        String column = index.keyText(table, 0);
        if (index.jsonbGin()) {
            return List.of("Index Cond: " + io.kyrodb.engine.expr.ExprDeparser.plain(false).deparse(points.getFirst()));
        }
        if (index.gin()) {
            return List.of("Index Cond: " + column + " @@ value");
        }
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

    /**
     * {@code Index Cond: (a = 5)}, {@code (a = ANY ('{1,2}'::integer[]))} or a range on the index's
     * first column; under VERBOSE how the index's entries are found (memtables, runs, model).
     */
    @Override
    public void explain(ExplainDetails out) {
        explainCondition(out);
        if (out.verbose()) {
            out.text("Index", index.storage().data().indexDescription());
        }
    }

    private void explainCondition(ExplainDetails out) {
        boolean expression = index.column(0) < 0;   // an expression index's first key part: its text
        String column = expression ? index.keyText(table, 0) : ExplainDetails.columnName(table, index.column(0));
        if (index.jsonbGin()) {
            String cond = out.deparse(points.getFirst());   // parenthesized, as PostgreSQL prints it
            out.text("Recheck Cond", cond);   // every row found is checked again with the operator
            out.indexCond(List.of(cond));
            return;
        }
        if (index.gin()) {
            String cond = "(" + column + " @@ " + out.deparse(points.get(0)) + ")";
            out.text("Recheck Cond", cond);   // every row found is checked again with @@ (weights, phrases, negations)
            out.indexCond(List.of(cond));
            return;
        }
        if (points != null) {
            if (points.size() == 1) {
                out.indexCond(List.of("(" + column + " = " + out.deparse(points.get(0)) + ")"));
            } else if (expression) {
                out.indexCond(List.of("(" + column + " = ANY (ARRAY[" + String.join(", ",
                        points.stream().map(out::deparse).toList()) + "]))"));
            } else {
                var c = table.columns().get(index.column(0));
                out.indexCond(List.of(io.kyrodb.engine.expr.ExprDeparser.plain(false).deparse(new io.kyrodb.engine.expr.InListExpr(
                        new io.kyrodb.engine.expr.ColumnExpr(index.column(0), c.type(), table.name(), c.name(), true),
                        points, false))));
            }
            return;
        }
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
