package io.kyrodb.engine.exec;

import java.util.List;

/** A single empty row: the input of a SELECT without FROM. */
public record OneRowNode() implements PlanNode {
    private static final Object[] EMPTY = new Object[0];

    @Override
    public RowIterator open(Object[] params) {
        boolean[] done = {false};
        return () -> {
            if (done[0]) {
                return null;
            }
            done[0] = true;
            return EMPTY;
        };
    }

    @Override
    public String describe() {
        return "Result";
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}
