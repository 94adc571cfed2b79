package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Index;
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
 *
 * <p>With a secondary {@code index} (null: the primary key), the one outer key is looked up in
 * the index's leading column instead, and each entry found leads to its row by the row's key
 * (PostgreSQL's nested loop over a parameterized index scan). The index only narrows: the
 * planner puts the join's equalities in {@code filter} too, so every pair is checked as a hash
 * join would check it. Those rows are read whole: {@code columns} is not applied to them.
 */
public record KeyJoinNode(PlanNode outer, Table table, Index index, int offset, List<BoundExpr> outerKeys,
                          BoundExpr filter, JoinType type, String indexCondition, String filterText, boolean[] columns)
        implements PlanNode {
    public KeyJoinNode {
        if (type != JoinType.INNER && type != JoinType.LEFT) {
            throw new IllegalArgumentException("a key join preserves at most its outer side, not " + type);
        }
        if (index != null && (outerKeys.size() != 1 || index.gin() || !index.plain())) {
            throw new IllegalArgumentException("a join through index " + index.name()
                    + " looks up one value in a plain ordered index, not " + outerKeys.size());
        }
    }

    /** A key join that reads every column of the table. */
    public KeyJoinNode(PlanNode outer, Table table, Index index, int offset, List<BoundExpr> outerKeys, BoundExpr filter,
                       JoinType type, String indexCondition, String filterText) {
        this(outer, table, index, offset, outerKeys, filter, type, indexCondition, filterText, null);
    }

    /** This join over {@code outer}, decoding only {@code columns} of the table (null: all). */
    public KeyJoinNode with(PlanNode outer, boolean[] columns) {
        return new KeyJoinNode(outer, table, index, offset, outerKeys, filter, type, indexCondition, filterText, columns);
    }

    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(outer);
        if (index != null) {
            return new ThroughIndex(in, ctx);
        }
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
     * The loop of a join that searches the table once per outer row: each row the search finds
     * (with {@link #columns}' values, placed at {@link #offset}) is paired with the outer row and
     * kept when the filter is TRUE; a LEFT join keeps an outer row whose search kept nothing.
     */
    private abstract class PerOuterRow implements RowIterator {
        private final RowIterator in;
        final ExecContext ctx;
        private Object[] current;
        private boolean matched;

        PerOuterRow(RowIterator in, ExecContext ctx) {
            this.in = in;
            this.ctx = ctx;
        }

        /** Starts the search for outer row {@code outer} (which may find nothing). */
        abstract void search(Object[] outer);

        /** The next row the current search finds, or null when it has found them all. */
        abstract Object[] nextFound();

        @Override
        public final Object[] next() {
            while (true) {
                ctx.checkCancel();
                if (current != null) {
                    for (Object[] found; (found = nextFound()) != null; ) {
                        Object[] joined = current.clone();
                        System.arraycopy(found, 0, joined, offset, found.length);
                        if (filter == null || Boolean.TRUE.equals(filter.eval(joined, ctx))) {
                            matched = true;
                            return joined;
                        }
                    }
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
                search(o);
            }
        }
    }

    /**
     * The join when the equalities give only a leading part of a composite primary key: for each
     * outer row, every row of the table whose key starts with those values, read in key order from
     * the first one (a seek, as for a key range) until the prefix changes.
     */
    private final class PrefixProbe extends PerOuterRow {
        /** The rows whose encoded key starts with the prefix's encoding (equal values, equal encodings). */
        private io.kyrodb.engine.storage.run.KeyCursor matches;
        /** One cursor over the table for all the outer rows: outer rows in key order seek it forward. */
        private io.kyrodb.engine.storage.PrefixProbe probe;

        PrefixProbe(RowIterator in, ExecContext ctx) {
            super(in, ctx);
        }

        @Override
        void search(Object[] outer) {
            matches = null;
            Object key = key(outer, ctx);
            if (key != null) {
                if (probe == null) {
                    probe = table.data().prefixProbe(ctx.view());
                }
                matches = probe.seek(io.kyrodb.engine.storage.codec.KeyCodec.encode((Object[]) key));
            }
        }

        @Override
        Object[] nextFound() {
            return matches != null && matches.next() ? matches.row(columns) : null;
        }
    }

    /**
     * The join through a secondary index: for each outer row, the index's entries whose leading
     * value equals the outer key (seeking one cursor over the index forward), each entry's row by
     * its key, as the reader's view sees both (entries are written with their rows).
     */
    private final class ThroughIndex extends PerOuterRow {
        private final io.kyrodb.engine.storage.ReadView view;
        private io.kyrodb.engine.storage.run.KeyCursor entries;
        private io.kyrodb.engine.storage.PrefixProbe probe;

        ThroughIndex(RowIterator in, ExecContext ctx) {
            super(in, ctx);
            this.view = ctx.view();
        }

        @Override
        void search(Object[] outer) {
            entries = null;
            Object value = IndexScanNode.storable(index, outerKeys.getFirst().eval(outer, ctx));
            if (value != null) {
                if (probe == null) {
                    probe = index.storage().data().prefixProbe(view);
                }
                entries = probe.seek(index.encodedPrefix(value));
            }
        }

        @Override
        Object[] nextFound() {
            while (entries != null && entries.next()) {
                Object[] found = table.data().get(index.rowKey(entries.row()), view);
                if (found != null) {
                    return found;
                }
            }
            return null;
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
        return List.of(outer, new Probe(table, index, indexCondition));
    }

    /** How EXPLAIN shows the inner side: PostgreSQL's parameterized index scan. Never opened on its own. */
    public record Probe(Table table, Index index, String indexCondition) implements PlanNode {
        @Override
        public RowIterator open(ExecContext ctx) {
            throw new IllegalStateException("a key join's probe runs inside the join");
        }

        @Override
        public String describe() {
            return "Index Scan using " + (index == null ? table.name() + "_pkey" : index.name()) + " on " + table.name();
        }

        @Override
        public List<String> details() {
            return List.of("Index Cond: " + indexCondition, "Index: " + indexDescription());
        }

        /** The index kind only under VERBOSE, as the scans show it. */
        @Override
        public void explain(ExplainDetails out) {
            out.text("Index Cond", indexCondition);
            if (out.verbose()) {
                out.text("Index", indexDescription());
            }
        }

        private String indexDescription() {
            return (index == null ? table : index.storage()).data().indexDescription();
        }

        @Override
        public List<PlanNode> children() {
            return List.of();
        }
    }
}
