package io.kyrodb.engine.exec;

import java.util.List;

/**
 * The top of a writing statement's plan in EXPLAIN ({@code Merge on t}): {@code input} yields the
 * rows the statement acts on. EXPLAIN shows it; the statement itself runs through {@link Mutations},
 * so opening it is a programming error.
 */
public record ModifyTableNode(String label, PlanNode input) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        throw new IllegalStateException(label + " is shown by EXPLAIN, not run");
    }

    @Override
    public String describe() {
        return label;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input);
    }
}
