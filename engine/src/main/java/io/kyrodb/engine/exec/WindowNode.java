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
 */
public record WindowNode(PlanNode child, int width, List<BoundExpr> partition, List<BoundExpr> order,
                         List<SortKey> orderKeys, List<WindowCall> calls, int[] slots) implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(child);
        int keys = partition.size() + order.size();
        RowIterator extended = () -> {
            Object[] row = in.next();
            if (row == null) {
                return null;
            }
            Object[] out = new Object[width + keys];
            System.arraycopy(row, 0, out, 0, Math.min(row.length, width));
            for (int i = 0; i < partition.size(); i++) {
                out[width + i] = partition.get(i).eval(row, ctx);
            }
            for (int i = 0; i < order.size(); i++) {
                out[width + partition.size() + i] = order.get(i).eval(row, ctx);
            }
            return out;
        };
        RowIterator sorted = keys == 0 ? extended : ExternalSort.sort(extended, SortNode.comparator(sortKeys()), ctx);
        long budget = WorkMem.budget(ctx);
        return new RowIterator() {
            private Object[] pending = sorted.next();
            /** The current partition's rows (in memory or spilled), its values, and the next row to return. */
            private List<Object[]> current = List.of();
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
                    values = new WindowPartition(ctx, current, WindowNode.this).compute();
                    if (current instanceof SpilledRows spilled) {
                        spilledRows = spilled.iterator(ctx);
                    }
                    next = 0;
                }
                Object[] row = spilledRows != null ? spilledRows.next() : current.get(next);
                Object[] out = new Object[width];
                System.arraycopy(row, 0, out, 0, width);
                for (int c = 0; c < slots.length; c++) {
                    out[slots[c]] = values[c][next];
                }
                next++;
                return out;
            }

            /**
             * The rows of the next partition: in memory while they fit work_mem, else written to a
             * spill file ({@link SpilledRows}) as they are read, from the row that passed it on.
             */
            private List<Object[]> readPartition() {
                List<Object[]> rows = new ArrayList<>();
                rows.add(pending);
                long bytes = MemoryEstimate.row(pending) + MemoryEstimate.REFERENCE;
                Object[] first = pending;
                pending = null;
                for (Object[] row; (row = sorted.next()) != null; ) {
                    ctx.checkCancel();
                    if (!samePartition(first, row)) {
                        pending = row;
                        break;
                    }
                    rows.add(row);
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

            private void closeSpilled() {
                if (current instanceof SpilledRows spilled) {
                    spilled.close();
                    current = List.of();
                }
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
