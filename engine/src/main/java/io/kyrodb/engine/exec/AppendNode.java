package io.kyrodb.engine.exec;

import java.util.List;

/** The rows of each child in turn (UNION ALL). The children have the same columns. */
public record AppendNode(List<PlanNode> inputs) implements PlanNode {
    public AppendNode {
        inputs = List.copyOf(inputs);
    }

    @Override
    public RowIterator open(ExecContext ctx) {
        return new RowIterator() {
            private int index = -1;
            private RowIterator current = () -> null;

            @Override
            public Object[] next() {
                while (true) {
                    Object[] row = current.next();
                    if (row != null) {
                        return row;
                    }
                    if (++index >= inputs.size()) {
                        current = () -> null;
                        return null;
                    }
                    // Opened only when reached: a later input does no work before the earlier ones end.
                    current = ctx.open(inputs.get(index));
                }
            }
        };
    }

    @Override
    public String describe() {
        return "Append";
    }

    @Override
    public List<PlanNode> children() {
        return inputs;
    }
}
