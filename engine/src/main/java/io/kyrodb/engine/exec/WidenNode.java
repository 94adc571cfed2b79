package io.kyrodb.engine.exec;

import java.util.List;

/**
 * Places a table's rows at {@code offset} of a row {@code width} wide, the layout joins work on
 * ({@link JoinRows}). Not an operator of its own in EXPLAIN: it is shown as its child. Over a
 * sequential scan (unless EXPLAIN ANALYZE measures it), the scan copies each row into the wide
 * row itself: one array a row, not two.
 */
public record WidenNode(PlanNode child, int offset, int width) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        if (child instanceof ScanNode scan && !scan.table().isSystem() && ctx.instrumentation() == null) {
            io.kyrodb.engine.storage.RowScan rows = scan.table().data().scan(ctx.view(), scan.columns());
            return () -> {
                ctx.checkCancel();
                if (!rows.next()) {
                    return null;
                }
                Object[] out = new Object[width];
                rows.copyRow(out, offset);
                return out;
            };
        }
        RowIterator in = ctx.open(child);
        return () -> {
            Object[] row = in.next();
            return row == null ? null : widen(row);
        };
    }

    /** {@code row} placed at {@link #offset} of a new row {@link #width} wide. */
    Object[] widen(Object[] row) {
        Object[] out = new Object[width];
        System.arraycopy(row, 0, out, offset, row.length);
        return out;
    }

    @Override
    public String describe() {
        return child.describe();
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
