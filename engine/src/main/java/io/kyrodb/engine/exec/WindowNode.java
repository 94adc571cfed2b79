package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * Computes the window functions that share one window ({@code PARTITION BY partition ORDER BY
 * order}): each input row is extended to {@code width} columns, its partition and order values
 * appended after them; the rows are sorted by those (through {@link ExternalSort}, so within
 * {@code work_mem} or spilled), and each partition is then held in memory, or past work_mem written
 * to a spill file and read back by position ({@link SpilledRows}), while {@link WindowPartition}
 * computes each call's value, which goes into its {@code slots} entry of the row. Output rows are
 * {@code width} wide, in partition-then-order order. Queries with several distinct windows chain
 * one node per window.
 *
 * <p>{@code presorted}: the input already arrives ordered by the partition values (ascending,
 * NULLs last, as the sort would order them), so there is no sort of the whole input: each
 * partition is read as it arrives and sorted alone by the window's ORDER BY. The sort being stable
 * either way, every row gets the value the full sort gives it, and the rows come out in the same
 * order. {@code keepsInputOrder} (only with {@code presorted}): each partition's rows come out in
 * the order they arrived instead, so the output keeps the input's order (the planner then needs no
 * sort for an ORDER BY that the input's order already satisfies).
 */
public record WindowNode(PlanNode child, int width, List<BoundExpr> partition, List<BoundExpr> order,
                         List<SortKey> orderKeys, List<WindowCall> calls, int[] slots, boolean presorted,
                         boolean keepsInputOrder) implements PlanNode {

    public WindowNode {
        if (keepsInputOrder && !presorted) {
            throw new IllegalArgumentException("keepsInputOrder needs presorted input");
        }
    }

    /** A window over input in no known order: it is sorted by partition and order values. */
    public WindowNode(PlanNode child, int width, List<BoundExpr> partition, List<BoundExpr> order,
                      List<SortKey> orderKeys, List<WindowCall> calls, int[] slots) {
        this(child, width, partition, order, orderKeys, calls, slots, false, false);
    }

    /** Where an extended row keeps its position in its partition's arrival order ({@code keepsInputOrder}). */
    private int arrivalColumn() {
        return width + partition.size() + order.size();
    }

    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(child);
        int keys = partition.size() + order.size();
        int extra = keepsInputOrder ? 1 : 0;
        RowIterator extended = () -> {
            Object[] row = in.next();
            if (row == null) {
                return null;
            }
            Object[] out = new Object[width + keys + extra];
            System.arraycopy(row, 0, out, 0, Math.min(row.length, width));
            for (int i = 0; i < partition.size(); i++) {
                out[width + i] = partition.get(i).eval(row, ctx);
            }
            for (int i = 0; i < order.size(); i++) {
                out[width + partition.size() + i] = order.get(i).eval(row, ctx);
            }
            return out;
        };
        RowIterator source = keys == 0 || presorted ? extended
                : ExternalSort.sort(extended, SortNode.comparator(sortKeys()), ctx);
        java.util.Comparator<Object[]> withinPartition = presorted && !order.isEmpty()
                ? SortNode.comparator(sortKeys().subList(partition.size(), keys)) : null;
        long budget = WorkMem.budget(ctx);
        return new RowIterator() {
            private Object[] pending = source.next();
            /** The current partition's rows (in memory or spilled), in window order, its values, and the next row to return. */
            private List<Object[]> current = List.of();
            /** With keepsInputOrder: the partition's rows as they arrived, and each one's position in {@link #current}. */
            private List<Object[]> arrived = List.of();
            private int[] positions;
            /** The rows in the order they come out: {@link #arrived} when {@link #positions} maps them, else {@link #current}. */
            private List<Object[]> emitted = List.of();
            private RowIterator spilledRows;
            private Object[][] values;
            private int next;

            @Override
            public Object[] next() {
                while (next >= current.size()) {
                    closeSpilled();
                    if (pending == null) {
                        return null;
                    }
                    current = readPartition();
                    if (withinPartition != null) {
                        current = keepsInputOrder ? sortedCopy(current) : sorted(current);
                    }
                    values = new WindowPartition(ctx, current, WindowNode.this).compute();
                    emitted = positions != null ? arrived : current;
                    if (emitted instanceof SpilledRows spilled) {
                        spilledRows = spilled.iterator(ctx);
                    }
                    next = 0;
                }
                Object[] row = spilledRows != null ? spilledRows.next() : emitted.get(next);
                int at = positions != null ? positions[next] : next;
                Object[] out = new Object[width];
                System.arraycopy(row, 0, out, 0, width);
                for (int c = 0; c < slots.length; c++) {
                    out[slots[c]] = values[c][at];
                }
                next++;
                return out;
            }

            /**
             * The rows of the next partition: in memory while they fit work_mem, else written to a
             * spill file ({@link SpilledRows}) as they are read, from the row that passed it on.
             * With keepsInputOrder each row gets its position in the partition.
             */
            private List<Object[]> readPartition() {
                List<Object[]> rows = new ArrayList<>();
                add(rows, pending);
                long bytes = MemoryEstimate.row(pending) + MemoryEstimate.REFERENCE;
                Object[] first = pending;
                pending = null;
                for (Object[] row; (row = source.next()) != null; ) {
                    ctx.checkCancel();
                    if (!samePartition(first, row)) {
                        pending = row;
                        break;
                    }
                    add(rows, row);
                    if (!(rows instanceof SpilledRows)) {
                        bytes += MemoryEstimate.row(row) + MemoryEstimate.REFERENCE;
                        if (bytes > budget) {
                            SpilledRows spilled = new SpilledRows(ctx, budget, bytes / rows.size());
                            try {
                                rows.forEach(spilled::add);
                            } catch (RuntimeException | Error e) {
                                SpillFiles.closeAfterFailure(spilled, e);
                                throw e;
                            }
                            rows = spilled;
                        }
                    }
                }
                if (rows instanceof SpilledRows spilled) {
                    spilled.finish();
                }
                return rows;
            }

            private void add(List<Object[]> rows, Object[] row) {
                if (keepsInputOrder) {
                    row[arrivalColumn()] = rows.size();
                }
                rows.add(row);
            }

            /** A partition read as it arrived, sorted by the window's ORDER BY (the same list, or a new spill file). */
            private List<Object[]> sorted(List<Object[]> rows) {
                if (!(rows instanceof SpilledRows spilled)) {
                    rows.sort(withinPartition);
                    return rows;
                }
                try (spilled) {
                    return spill(ExternalSort.sort(spilled.iterator(ctx), withinPartition, ctx));
                }
            }

            /**
             * keepsInputOrder: the partition, kept as {@link #arrived}, sorted into a copy (a new spill
             * file past work_mem); {@link #positions} maps each arrival position to its sorted one.
             */
            private List<Object[]> sortedCopy(List<Object[]> rows) {
                arrived = rows;
                List<Object[]> sorted;
                if (rows instanceof SpilledRows spilled) {
                    sorted = spill(ExternalSort.sort(spilled.iterator(ctx), withinPartition, ctx));
                } else {
                    sorted = new ArrayList<>(rows);
                    sorted.sort(withinPartition);
                }
                positions = new int[sorted.size()];
                int p = 0;
                RowIterator each = sorted instanceof SpilledRows s ? s.iterator(ctx) : null;
                for (int i = 0; i < positions.length; i++) {
                    Object[] row = each != null ? each.next() : sorted.get(i);
                    positions[(Integer) row[arrivalColumn()]] = p++;
                }
                return sorted;
            }

            /** Rows written to a new spill file, read back by position. */
            private SpilledRows spill(RowIterator rows) {
                SpilledRows out = null;
                try {
                    for (Object[] row; (row = rows.next()) != null; ) {
                        if (out == null) {
                            out = new SpilledRows(ctx, budget, MemoryEstimate.row(row) + MemoryEstimate.REFERENCE);
                        }
                        out.add(row);
                    }
                    out.finish();
                    return out;
                } catch (RuntimeException | Error e) {
                    SpillFiles.closeAfterFailure(out, e);
                    throw e;
                }
            }

            private void closeSpilled() {
                if (current instanceof SpilledRows spilled) {
                    spilled.close();
                }
                if (arrived instanceof SpilledRows spilled) {
                    spilled.close();
                }
                current = List.of();
                arrived = List.of();
                emitted = List.of();
                positions = null;
                spilledRows = null;
                values = null;
            }
        };
    }

    private List<SortKey> sortKeys() {
        List<SortKey> keys = new ArrayList<>();
        for (int i = 0; i < partition.size(); i++) {
            keys.add(new SortKey(width + i, false, false));
        }
        for (int i = 0; i < orderKeys.size(); i++) {
            SortKey k = orderKeys.get(i);
            keys.add(new SortKey(width + partition.size() + i, k.descending(), k.nullsFirst()));
        }
        return keys;
    }

    private boolean samePartition(Object[] a, Object[] b) {
        for (int i = 0; i < partition.size(); i++) {
            if (!io.kyrodb.engine.types.Values.sameValue(a[width + i], b[width + i])) {
                return false;
            }
        }
        return true;
    }

    /** The column holding the {@code i}-th ORDER BY value of an extended row. */
    int orderColumn(int i) {
        return width + partition.size() + i;
    }

    @Override
    public String describe() {
        return "WindowAgg";
    }

    @Override
    public List<String> details() {
        List<String> out = new ArrayList<>();
        for (WindowCall c : calls) {
            out.add(c.function() == WindowFunction.AGGREGATE ? c.aggregate().function().name().toLowerCase() + " over "
                    + c.frame().describe() : c.function().name().toLowerCase());
        }
        return out;
    }

    @Override
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new ArrayList<>(partition);
        out.addAll(order);
        for (WindowCall c : calls) {
            out.addAll(c.arguments());
            if (c.filter() != null) {
                out.add(c.filter());
            }
            if (c.frame().startOffset() != null) {
                out.add(c.frame().startOffset());
            }
            if (c.frame().endOffset() != null) {
                out.add(c.frame().endOffset());
            }
        }
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
