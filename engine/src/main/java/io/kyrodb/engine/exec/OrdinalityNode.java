package io.kyrodb.engine.exec;

import java.util.List;

/**
 * {@code f(...) WITH ORDINALITY} in FROM: the function's rows, each with one more column, its
 * number (a bigint from 1).
 */
public record OrdinalityNode(PlanNode child) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(child);
        long[] n = {0};
        return () -> {
            Object[] row = in.next();
            if (row == null) {
                return null;
            }
            Object[] out = java.util.Arrays.copyOf(row, row.length + 1);
            out[row.length] = ++n[0];
            return out;
        };
    }

    @Override
    public String describe() {
        return "Ordinality";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
