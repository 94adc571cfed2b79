package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.Casts;
import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.List;

/**
 * A nested loop whose inner side is a primary-key lookup: for each outer row, the row of
 * {@code table} whose key equals {@code outerKeys} (evaluated on the outer row, in key-column
 * order; when they are fewer than the key's columns, every row whose key starts with them),
 * placed at {@code offset} ({@link JoinRows}' layout); the pair is kept when {@code filter}
 * (null: none; the inner table's own conditions and the rest of the join's) is TRUE. A LEFT join
 * keeps an outer row that found nothing. Chosen when the outer side is estimated much smaller than
 * the table: each outer row costs one lookup, and the table is never scanned.
 * {@code columns} (null: all) names the table's columns the query reads from the joined rows
 * (the filter's among them): where the rows are stored encoded, a prefix probe decodes only those
 * and leaves the others null ({@code binder.JoinColumnPruning}).
 */
public record KeyJoinNode(PlanNode outer, Table table, int offset, List<BoundExpr> outerKeys, BoundExpr filter,
                          JoinType type, String indexCondition, String filterText, boolean[] columns)
        implements PlanNode {
    public KeyJoinNode {
        if (type != JoinType.INNER && type != JoinType.LEFT) {
            throw new IllegalArgumentException("a key join preserves at most its outer side, not " + type);
        }
    }

    /** A key join that reads every column of the table. */
    public KeyJoinNode(PlanNode outer, Table table, int offset, List<BoundExpr> outerKeys, BoundExpr filter,
                       JoinType type, String indexCondition, String filterText) {
        this(outer, table, offset, outerKeys, filter, type, indexCondition, filterText, null);
    }

    /** This join over {@code outer}, decoding only {@code columns} of the table (null: all). */
    public KeyJoinNode with(PlanNode outer, boolean[] columns) {
        return new KeyJoinNode(outer, table, offset, outerKeys, filter, type, indexCondition, filterText, columns);
    }

    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(outer);
        if (outerKeys.size() < table.primaryKeyWidth()) {
            return new PrefixProbe(in, ctx);
        }
        return () -> {
            for (Object[] o; (o = in.next()) != null; ) {
                ctx.checkCancel();
                Object key = key(o, ctx);
                Object[] found = key == null ? null : table.data().get(key, ctx.view());
                if (found != null) {
                    Object[] joined = o.clone();
                    System.arraycopy(found, 0, joined, offset, found.length);
                    if (filter == null || Boolean.TRUE.equals(filter.eval(joined, ctx))) {
                        return joined;
                    }
                }
                if (type == JoinType.LEFT) {
                    return o;
                }
            }
            return null;
        };
    }

    /**
     * The join when the equalities give only a leading part of a composite primary key: for each
     * outer row, every row of the table whose key starts with those values, read in key order from
     * the first one (a seek, as for a key range) until the prefix changes.
     */
    private final class PrefixProbe implements RowIterator {
        private final RowIterator in;
        private final ExecContext ctx;
        private Object[] current;
        private Object[] prefix;
        /** The rows whose encoded key starts with the prefix's encoding (equal values, equal encodings). */
        private io.kyrodb.engine.storage.run.KeyCursor matches;
        /** One cursor over the table for all the outer rows: outer rows in key order seek it forward. */
        private io.kyrodb.engine.storage.PrefixProbe probe;
        private boolean matched;

        PrefixProbe(RowIterator in, ExecContext ctx) {
            this.in = in;
            this.ctx = ctx;
        }

        @Override
        public Object[] next() {
            while (true) {
                ctx.checkCancel();
                while (matches != null && matches.next()) {
                    Object[] found = matches.row(columns);
                    Object[] joined = current.clone();
                    System.arraycopy(found, 0, joined, offset, found.length);
                    if (filter == null || Boolean.TRUE.equals(filter.eval(joined, ctx))) {
                        matched = true;
                        return joined;
                    }
                }
                matches = null;
                if (current != null) {
                    Object[] o = current;
                    current = null;
                    if (!matched && type == JoinType.LEFT) {
                        return o;
                    }
                }
                Object[] o = in.next();
                if (o == null) {
                    return null;
                }
                current = o;
                matched = false;
                Object key = key(o, ctx);
                if (key != null) {
                    prefix = (Object[]) key;
                    if (probe == null) {
                        probe = table.data().prefixProbe(ctx.view());
                    }
                    matches = probe.seek(io.kyrodb.engine.storage.codec.KeyCodec.encode(prefix));
                }
            }
        }
    }

    /**
     * The key the outer row asks for (a prefix of it: an {@code Object[]} of the leading columns),
     * or null when a part is NULL or no stored key can equal it.
     */
    private Object key(Object[] row, ExecContext ctx) {
        Object[] parts = new Object[outerKeys.size()];
        for (int i = 0; i < parts.length; i++) {
            Object v = outerKeys.get(i).eval(row, ctx);
            if (v == null) {
                return null;
            }
            var columnType = table.columns().get(table.primaryKeyColumn(i)).type();
            try {
                parts[i] = Casts.convert(v, columnType, false);
            } catch (RuntimeException outOfColumnRange) {
                return null;
            }
            if (!Values.sameValue(parts[i], v)) {
                return null;   // 2.5 against an integer key
            }
        }
        return parts.length == 1 && table.primaryKeyWidth() == 1 ? parts[0] : parts;
    }

    @Override
    public String describe() {
        return "Nested Loop" + type.explainSuffix() + (type == JoinType.INNER ? "" : " Join");
    }

    @Override
    public List<String> details() {
        return filterText == null ? List.of() : List.of("Join Filter: " + filterText);
    }

    @Override
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new ArrayList<>(outerKeys);
        if (filter != null) {
            out.add(filter);
        }
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(outer, new Probe(table, indexCondition));
    }

    /** How EXPLAIN shows the inner side: PostgreSQL's parameterized index scan. Never opened on its own. */
    public record Probe(Table table, String indexCondition) implements PlanNode {
        @Override
        public RowIterator open(ExecContext ctx) {
            throw new IllegalStateException("a key join's probe runs inside the join");
        }

        @Override
        public String describe() {
            return "Index Scan using " + table.name() + "_pkey on " + table.name();
        }

        @Override
        public List<String> details() {
            return List.of("Index Cond: " + indexCondition, "Index: " + table.data().indexDescription());
        }

        /** The index kind only under VERBOSE, as the scans show it. */
        @Override
        public void explain(ExplainDetails out) {
            out.text("Index Cond", indexCondition);
            if (out.verbose()) {
                out.text("Index", table.data().indexDescription());
            }
        }

        @Override
        public List<PlanNode> children() {
            return List.of();
        }
    }
}
