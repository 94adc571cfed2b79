package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.storage.KeyComparator;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.storage.codec.KeyCodec;
import io.kyrodb.engine.storage.run.KeyCursor;
import io.kyrodb.engine.types.JsonbGinItems;
import io.kyrodb.engine.types.TsQuery;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The rows a GIN index over a tsvector can hold for a tsquery: each operand's lexeme entries
 * (a prefix operand's whole key range) give row keys, combined as the query combines them
 * ({@code &} and phrases intersect, {@code |} unites). A negation narrows nothing, so a query that
 * only a negation decides needs every row: then {@link #rowKeys} returns null and the caller scans
 * the table. Weights and phrase distances are not in the index: the caller rechecks every row with
 * {@code @@}, so this set may hold too many rows, never too few. The entries are read under the
 * statement's snapshot, so they match the row versions it sees.
 */
final class GinSearch {
    private GinSearch() {
    }

    /** The keys of the rows that may match {@code q} (ascending), or null when every row may. */
    static NavigableSet<Object> rowKeys(Index index, TsQuery q, ReadView view) {
        if (q.isEmpty()) {
            return new TreeSet<>(KeyComparator.INSTANCE);   // the empty query matches nothing
        }
        return keys(index, q.root(), view);
    }

    private static NavigableSet<Object> keys(Index index, TsQuery.Node n, ReadView view) {
        return switch (n) {
            case TsQuery.Operand o -> operand(index, o, view);
            case TsQuery.Not x -> null;
            case TsQuery.Or a -> {
                NavigableSet<Object> l = keys(index, a.left(), view);
                if (l == null) {
                    yield null;
                }
                NavigableSet<Object> r = keys(index, a.right(), view);
                if (r == null) {
                    yield null;
                }
                l.addAll(r);
                yield l;
            }
            case TsQuery.And a -> intersect(keys(index, a.left(), view), keys(index, a.right(), view));
            case TsQuery.Phrase a -> intersect(keys(index, a.left(), view), keys(index, a.right(), view));
        };
    }

    /**
     * The keys of the rows a GIN index over jsonb ({@link Index#jsonbGin}) can hold for
     * {@code condition} (a conjunct the planner chose: {@code @>}, {@code ?}, {@code ?|} or
     * {@code ?&}, its right side evaluated here), or null when every row may (a document with no
     * items, such as {@code '{}'}). The caller rechecks every row with the condition.
     */
    static NavigableSet<Object> jsonbRowKeys(Index index, io.kyrodb.engine.expr.BoundExpr condition,
                                             io.kyrodb.engine.expr.EvalContext ctx, ReadView view) {
        List<io.kyrodb.engine.expr.BoundExpr> args = condition instanceof io.kyrodb.engine.expr.ContainerFunctionExpr f
                ? f.arguments() : ((io.kyrodb.engine.expr.BuiltinExpr) condition).arguments();
        Object value = args.get(1).eval(null, ctx);
        if (value == null) {
            return new TreeSet<>(KeyComparator.INSTANCE);   // a NULL operand: the condition is never true
        }
        List<String> items;
        boolean all = true;
        if (condition instanceof io.kyrodb.engine.expr.ContainerFunctionExpr f
                && f.function() == io.kyrodb.engine.expr.ContainerFunction.JSON_CONTAINS) {
            items = JsonbGinItems.of(((io.kyrodb.engine.types.Jsonb) value).root());
        } else if (value instanceof String key) {
            items = List.of(JsonbGinItems.key(key));
        } else {
            items = new ArrayList<>();
            for (Object key : ((io.kyrodb.engine.types.SqlArray) value).elements()) {
                if (key != null) {
                    items.add(JsonbGinItems.key((String) key));
                }
            }
            all = ((io.kyrodb.engine.expr.BuiltinExpr) condition).function() == io.kyrodb.engine.expr.JsonbFunction.EXISTS_ALL;
            if (!all && items.isEmpty()) {
                return new TreeSet<>(KeyComparator.INSTANCE);   // ?| of no keys matches nothing
            }
        }
        if (items.isEmpty()) {
            return null;   // contains '{}', ?& of no keys: every row
        }
        NavigableSet<Object> out = null;
        for (String item : items) {
            NavigableSet<Object> rows = withItem(index, item, view);
            out = out == null ? rows : all ? intersect(out, rows) : union(out, rows);
            if (all && out.isEmpty()) {
                break;
            }
        }
        return out;
    }

    private static NavigableSet<Object> union(NavigableSet<Object> l, NavigableSet<Object> r) {
        l.addAll(r);
        return l;
    }

    private static NavigableSet<Object> withItem(Index index, String item, ReadView view) {
        NavigableSet<Object> out = new TreeSet<>(KeyComparator.INSTANCE);
        KeyCursor entries = index.storage().data().withPrefix(view, KeyCodec.encode(index.prefix(item)));
        while (entries.next()) {
            out.add(index.rowKey(entries.row()));
        }
        return out;
    }

    private static NavigableSet<Object> intersect(NavigableSet<Object> l, NavigableSet<Object> r) {
        if (l == null) {
            return r;
        }
        if (r == null) {
            return l;
        }
        NavigableSet<Object> small = l.size() <= r.size() ? l : r;
        NavigableSet<Object> big = small == l ? r : l;
        small.retainAll(big);
        return small;
    }

    private static NavigableSet<Object> operand(Index index, TsQuery.Operand o, ReadView view) {
        byte[] prefix = KeyCodec.encode(index.prefix(o.lexeme()));
        if (o.prefix()) {
            prefix = Arrays.copyOf(prefix, prefix.length - 2);   // without the text's terminator: every lexeme it begins
        }
        NavigableSet<Object> out = new TreeSet<>(KeyComparator.INSTANCE);
        KeyCursor entries = index.storage().data().withPrefix(view, prefix);
        while (entries.next()) {
            out.add(index.rowKey(entries.row()));
        }
        return out;
    }
}
