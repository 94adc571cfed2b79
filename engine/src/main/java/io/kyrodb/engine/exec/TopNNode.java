package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * {@code ORDER BY ... LIMIT n [OFFSET m]}: returns the first {@code n + m} rows in the order of
 * {@code keys}, keeping only that many in a bounded heap instead of sorting the whole input (the
 * exact nearest-neighbour search {@code ORDER BY v <-> q LIMIT k} is this). A {@link LimitNode}
 * above it still skips the offset. Stable like {@link SortNode}: of rows that compare equal, the
 * earlier input row wins, so a table scanned in primary-key order breaks ties by key and OFFSET
 * paging is repeatable. When {@code n + m} is large (or LIMIT is absent or NULL), or the kept rows
 * outgrow work_mem, it is a plain {@link SortNode} sort, which spills within work_mem.
 */
public record TopNNode(PlanNode child, List<SortKey> keys, BoundExpr limit, BoundExpr offset) implements PlanNode {
    /** Above this many rows to keep, sort instead: the heap is not bounded by work_mem. */
    static final long MAX_HEAP_ROWS = 10_000;

    @Override
    public RowIterator open(ExecContext ctx) {
        long keep = rowsToKeep(ctx);
        if (keep < 0) {
            return ExternalSort.sort(ctx.open(child), SortNode.comparator(keys), ctx, this);
        }
        Comparator<Object[]> order = SortNode.comparator(keys);
        // Max-heap on (order, input position): its head is the row that goes first when a better one comes.
        Comparator<Ranked> worstFirst = Comparator.<Ranked, Object[]>comparing(r -> r.row, order)
                .thenComparingLong(r -> r.seq).reversed();
        PriorityQueue<Ranked> heap = new PriorityQueue<>(worstFirst);
        RowIterator in = ctx.open(child);
        long budget = WorkMem.budget(ctx);
        long bytes = 0;
        long seq = 0;
        if (keep > 0) {
            for (Object[] row; (row = in.next()) != null; seq++) {
                if ((seq & 1023) == 0) {
                    ctx.checkCancel();
                }
                if (heap.size() < keep) {
                    heap.add(new Ranked(row, seq));
                    bytes += MemoryEstimate.row(row);
                } else if (order.compare(row, heap.peek().row) < 0) {
                    // a later row replaces the worst only when strictly better: ties keep the earlier
                    bytes -= MemoryEstimate.row(heap.poll().row);
                    heap.add(new Ranked(row, seq));
                    bytes += MemoryEstimate.row(row);
                }
                if (bytes > budget) {
                    return spill(heap, in, order, ctx, this);
                }
            }
        }
        ctx.sorted(this, "top-N heapsort", false, bytes);
        List<Ranked> sorted = new ArrayList<>(heap);
        sorted.sort(worstFirst.reversed());
        int[] next = {0};
        return () -> next[0] < sorted.size() ? sorted.get(next[0]++).row : null;
    }

    /**
     * Past work_mem (wide rows, a large LIMIT): the rows kept so far, in input order, then the rest
     * of the input go through the stable external sort. A row already dropped was beaten by
     * {@code keep} earlier rows, so it could not have been among the first {@code keep}.
     */
    private static RowIterator spill(PriorityQueue<Ranked> heap, RowIterator rest, Comparator<Object[]> order,
                                     ExecContext ctx, PlanNode node) {
        List<Ranked> kept = new ArrayList<>(heap);
        heap.clear();
        kept.sort(Comparator.comparingLong(Ranked::seq));
        int[] next = {0};
        RowIterator input = () -> next[0] < kept.size() ? kept.get(next[0]++).row : rest.next();
        return ExternalSort.sort(input, order, ctx, node);
    }

    /** {@code limit + offset}, or -1 to sort everything (no limit, or too many rows for a heap). */
    private long rowsToKeep(ExecContext ctx) {
        Object n = limit == null ? null : limit.eval(null, ctx);
        if (n == null) {
            return -1;
        }
        Object m = offset == null ? null : offset.eval(null, ctx);
        long rows = ((Number) n).longValue();
        long skip = m == null ? 0 : ((Number) m).longValue();
        if (rows < 0 || skip < 0) {
            return -1; // LimitNode reports the negative count
        }
        long keep = rows + skip;
        return keep < 0 || keep > MAX_HEAP_ROWS ? -1 : keep;
    }

    private record Ranked(Object[] row, long seq) {
    }

    /** PostgreSQL's name: its Sort under a Limit keeps the first rows the same way ("Sort Method: top-N heapsort"). */
    @Override
    public String describe() {
        return "Sort";
    }

    @Override
    public List<BoundExpr> expressions() {
        return LimitNode.expressions(limit, offset);
    }

    @Override
    public void explain(ExplainDetails out) {
        out.sortKeys(keys);
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
