package io.kyrodb.engine.exec;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.VectorIndexDef;
import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.storage.ReadView;
import io.kyrodb.engine.vector.HnswIndex;
import io.kyrodb.engine.vector.HnswRowIds;
import io.kyrodb.engine.vector.VectorIndex;
import io.kyrodb.engine.vector.VectorIndexes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * {@code ORDER BY col <op> q LIMIT k [OFFSET m]} on one table, answered by an HNSW index when that
 * pays; in the plan where a {@link TopNNode} ({@code exact}) would be, and returning what it returns:
 * the first {@code k + m} rows of {@code input} (the table's rows that match the WHERE, projected,
 * the distance at {@code keys}' column) in the keys' order, ties by row id (the primary key).
 *
 * <p>The strategy is chosen at each execution (ARCHITECTURE.md "Vectors"):
 * <ul>
 * <li><b>exact</b> when the statement's transaction has written (it reads its own writes, which no
 * graph holds), when the index has no graph yet, when {@code q} is NULL or has other dimensions,
 * or when fewer than {@code hnsw.exact_threshold} rows match the WHERE (counted by reading them,
 * capped at the threshold; those rows then give the answer directly);</li>
 * <li><b>hnsw</b> otherwise: the graph walk admits only rows outside the index's delta that the
 * statement's snapshot sees and the WHERE accepts (each checked when the walk reaches it), the
 * delta's rows are computed exactly at the snapshot, and the two are merged;</li>
 * <li><b>exact</b> again when the walk passes its visit limit or the merge has fewer than
 * {@code k + m} rows (rows with NULL vectors, zero vectors under cosine, a filter the graph could
 * not satisfy): a plan never returns fewer rows than the exact one.</li>
 * </ul>
 * The last execution's strategy is a detail line, for EXPLAIN ANALYZE.
 */
public final class HnswScanNode implements PlanNode {
    /** Each execution's strategy at FINE (tests and debugging read it here). */
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(HnswScanNode.class.getName());
    private final Table table;
    private final VectorIndexDef index;
    private final VectorIndexes indexes;
    private final IntSupplier efSearch;
    private final IntSupplier exactThreshold;
    private final BoundExpr filter;
    private final List<BoundExpr> outputs;
    private final List<SortKey> keys;
    private final BoundExpr query;
    private final String orderBy;
    private final TopNNode exact;
    private final HnswProjection projection;
    /** The last execution's strategy: a String, or a {@link Walk} (formatted only when read). */
    private volatile Object lastStrategy;

    /** A graph walk's strategy line, built only for EXPLAIN ANALYZE and the FINE log, not per execution. */
    private record Walk(int ef, int graphRows, int fromDelta, int deltaSize) {
        @Override
        public String toString() {
            return "hnsw (ef_search " + ef + ", " + graphRows + " rows from the graph, " + fromDelta
                    + " from the delta of " + deltaSize + ")";
        }
    }
    /** Marks "too few rows for the index" (compared by identity). */
    private static final List<Object[]> SMALL = new ArrayList<>();

    /**
     * @param filter  the WHERE (null: none), on table rows
     * @param outputs the projection {@code exact}'s input computes from a table row
     * @param query   the query vector (a constant or parameter)
     * @param exact   the exact plan: Top-N over the projected, filtered rows
     */
    public HnswScanNode(Table table, VectorIndexDef index, VectorIndexes indexes, IntSupplier efSearch,
                        IntSupplier exactThreshold, BoundExpr filter, List<BoundExpr> outputs, BoundExpr query,
                        String orderBy, TopNNode exact) {
        this.table = table;
        this.index = index;
        this.indexes = indexes;
        this.efSearch = efSearch;
        this.exactThreshold = exactThreshold;
        this.filter = filter;
        this.outputs = List.copyOf(outputs);
        this.keys = exact.keys();
        this.query = query;
        this.orderBy = orderBy;
        this.exact = exact;
        this.projection = new HnswProjection(table, index, this.outputs, keys.get(0).column(), query);
    }

    @Override
    public RowIterator open(ExecContext ctx) {
        long keep = keep(ctx);
        HnswIndex hnsw = indexes.index(index);
        Object q = io.kyrodb.engine.vector.HnswValues.query(query.eval(null, ctx));
        if (keep <= 0 || keep > TopNNode.MAX_HEAP_ROWS) {
            return exact(ctx, "exact (no LIMIT the index can serve)");
        }
        if (ctx.view().ownWrites()) {
            return exact(ctx, "exact (the transaction reads its own writes)");
        }
        if (hnsw == null || !(q instanceof float[] v) || v.length != index.spec().dimensions()) {
            return exact(ctx, hnsw == null ? "exact (index not ready)" : "exact (query vector NULL or of other dimensions)");
        }
        int threshold = exactThreshold.getAsInt();
        if (threshold > 0 && filter != null) {
            // Read the matching rows up to the threshold: few enough, and they are the answer's candidates.
            RowIterator in = exact.child().open(ctx);
            List<Object[]> rows = new ArrayList<>();
            for (Object[] row; (row = in.next()) != null; ) {
                rows.add(row);
                if (rows.size() >= threshold) {
                    break;
                }
            }
            if (rows.size() < threshold) {
                lastStrategy = "exact (" + rows.size() + " rows match, below hnsw.exact_threshold " + threshold + ")";
                log();
                return sorted(rows, keep);
            }
        }
        List<Object[]> found;
        try {
            found = hnsw.search(ctx.view().seq(), (graph, delta) -> {
                if (threshold > 0 && filter == null && graph.rows() + delta.size() < threshold) {
                    return SMALL;
                }
                return search(graph, hnsw.rowIds(), delta, v, keep, ctx);
            });
        } catch (IOException | RuntimeException e) {
            if (e instanceof io.kyrodb.engine.KyroException k) {
                throw k;   // the WHERE failed, or the statement was cancelled: as the exact plan would
            }
            return exact(ctx, "exact (index search failed: " + e + ")");
        }
        if (found == SMALL) {
            return exact(ctx, "exact (fewer rows than hnsw.exact_threshold " + threshold + ")");
        }
        if (found == null) {
            String last = String.valueOf(lastStrategy);
            return exact(ctx, last.startsWith("exact (visit") ? last
                    : "exact (index not ready, or built after this snapshot)");
        }
        if (found.size() < keep) {
            return exact(ctx, "exact (the index found " + found.size() + " of " + keep + " rows)");
        }
        log();
        int[] next = {0};
        return () -> next[0] < found.size() ? found.get(next[0]++) : null;
    }

    private void log() {
        if (LOG.isLoggable(java.util.logging.Level.FINE)) {
            LOG.fine(index.name() + ": " + lastStrategy);
        }
    }

    /** The first {@code keep} rows from the graph and the delta, merged; null to search exactly. */
    private List<Object[]> search(VectorIndex graph, HnswRowIds rowIds, Set<Long> delta, float[] q, long keep,
                                  ExecContext ctx)
            throws IOException {
        ReadView view = ctx.view();
        Map<Long, Object[]> seen = filter == null ? null : new HashMap<>();
        int ef = efSearch.getAsInt();
        int visitLimit = filter == null ? Integer.MAX_VALUE : (int) Math.max(10_000, Math.min(Integer.MAX_VALUE,
                graph.rows() / 2));
        // Without a WHERE and with an empty delta every graph row is visible to the snapshot (the
        // graph answers for snapshots from validFrom on): the walk need not check rows.
        java.util.function.LongPredicate accept = filter == null && delta.isEmpty() ? VectorIndex.ACCEPT_ALL : id -> {
            if (delta.contains(id)) {
                return false;
            }
            if (filter == null) {
                return true;
            }
            Object[] row = seen.computeIfAbsent(id, r -> table.data().get(rowIds.key(r), view));
            return row != null && Boolean.TRUE.equals(filter.eval(row, ctx));
        };
        List<VectorIndex.Neighbor> near = graph.search(q, (int) keep, ef, accept, visitLimit);
        if (near == null) {
            lastStrategy = "exact (visit limit " + visitLimit + " reached)";
            return null;
        }
        List<Object[]> candidates = new ArrayList<>(near.size() + delta.size());
        List<Long> ids = new ArrayList<>(near.size() + delta.size());
        for (VectorIndex.Neighbor n : near) {
            // Without a WHERE a graph row outside the delta is the one the snapshot sees: no need to read it.
            Object[] out = projection.ofGraphRow(n, filter == null, rowIds);
            if (out == null) {
                Object[] row = seen == null ? null : seen.get(n.rowId());
                if (row == null) {
                    row = table.data().get(rowIds.key(n.rowId()), view);
                }
                if (row == null) {
                    continue;
                }
                out = projection.ofRow(row, n, ctx);
            }
            candidates.add(out);
            ids.add(n.rowId());
        }
        int fromDelta = 0;
        for (long id : delta) {
            Object[] row = table.data().get(rowIds.key(id), view);
            if (row != null && (filter == null || Boolean.TRUE.equals(filter.eval(row, ctx)))) {
                candidates.add(project(row, ctx));
                ids.add(id);
                fromDelta++;
            }
        }
        lastStrategy = new Walk(ef, near.size(), fromDelta, delta.size());
        if (rowIds.identity() && fromDelta == 0 && projection.inIndexOrder()) {
            // Graph rows only, in the index's (distance, row id) order, which is the keys' here.
            return candidates.size() > keep ? candidates.subList(0, (int) keep) : candidates;
        }
        return sortedList(candidates, byKey(ids, rowIds), keep);
    }

    /**
     * Ties by primary key: the row ids when they are the keys; else the keys the ids stand for
     * (handed out as rows came), looked up only for rows that tie.
     */
    private static Comparator<Integer> byKey(List<Long> ids, HnswRowIds rowIds) {
        return rowIds.identity() ? Comparator.comparingLong(ids::get)
                : (a, b) -> io.kyrodb.engine.storage.KeyComparator.INSTANCE.compare(rowIds.key(ids.get(a)),
                        rowIds.key(ids.get(b)));
    }

    private Object[] project(Object[] row, ExecContext ctx) {
        Object[] out = new Object[outputs.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = outputs.get(i).eval(row, ctx);
        }
        return out;
    }

    private RowIterator sorted(List<Object[]> rows, long keep) {
        List<Object[]> out = sortedList(rows, Comparator.naturalOrder(), keep);
        int[] next = {0};
        return () -> next[0] < out.size() ? out.get(next[0]++) : null;
    }

    /** {@code rows} in the keys' order, ties by {@code ties} (over positions in {@code rows}), the first {@code keep}. */
    private List<Object[]> sortedList(List<Object[]> rows, Comparator<Integer> ties, long keep) {
        Integer[] order = new Integer[rows.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Comparator<Object[]> byKeys = SortNode.comparator(keys);
        Comparator<Integer> cmp = (a, b) -> byKeys.compare(rows.get(a), rows.get(b));
        cmp = cmp.thenComparing(ties);
        java.util.Arrays.sort(order, cmp);
        List<Object[]> out = new ArrayList<>();
        for (int i = 0; i < order.length && i < keep; i++) {
            out.add(rows.get(order[i]));
        }
        return out;
    }

    private RowIterator exact(ExecContext ctx, String why) {
        lastStrategy = why;
        log();
        return exact.open(ctx);
    }

    private long keep(ExecContext ctx) {
        Object n = exact.limit() == null ? null : exact.limit().eval(null, ctx);
        if (n == null) {
            return -1;
        }
        Object m = exact.offset() == null ? null : exact.offset().eval(null, ctx);
        long rows = ((Number) n).longValue();
        long skip = m == null ? 0 : ((Number) m).longValue();
        return rows < 0 || skip < 0 || rows + skip < 0 ? -1 : rows + skip;
    }

    @Override
    public String describe() {
        return "Index Scan using " + index.name() + " on " + table.name();
    }

    @Override
    public List<String> details() {
        List<String> out = new ArrayList<>();
        out.add("Order By: " + orderBy);
        if (filter != null) {
            out.add("Filter: applied during the graph walk");
        }
        Object s = lastStrategy;
        if (s != null) {
            out.add("Strategy: " + s);
        }
        return out;
    }

    @Override
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new ArrayList<>(exact.expressions());
        out.add(query);
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(exact.child());
    }
}
