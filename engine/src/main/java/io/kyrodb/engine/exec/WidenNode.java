package io.kyrodb.engine.exec;

import java.util.List;

/**
 * Places a table's rows at {@code offset} of a row {@code width} wide, the layout joins work on
 * ({@link JoinRows}). Not an operator of its own in EXPLAIN: it is shown as its child.
 */
public record WidenNode(PlanNode child, int offset, int width) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
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
