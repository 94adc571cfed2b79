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
            if (row == null) {
                return null;
            }
            Object[] out = new Object[width];
            System.arraycopy(row, 0, out, offset, row.length);
            return out;
        };
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
