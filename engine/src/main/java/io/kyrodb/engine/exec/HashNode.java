package io.kyrodb.engine.exec;

import java.util.List;

/**
 * The input a {@link HashJoinNode} builds its hash table from, shown as PostgreSQL shows it
 * ({@code ->  Hash} above the inner input); it passes its child's rows through.
 */
public record HashNode(PlanNode child) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        return ctx.open(child);
    }

    @Override
    public String describe() {
        return "Hash";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
