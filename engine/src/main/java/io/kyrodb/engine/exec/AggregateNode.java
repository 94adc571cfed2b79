package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * Hash aggregation within {@code work_mem} ({@link HashAggregation} spills to disk past it).
 * Output rows are the group values followed by one value per aggregate. Without GROUP BY there is
 * exactly one output row, even for empty input (COUNT = 0, others NULL).
 */
public record AggregateNode(PlanNode child, List<BoundExpr> groups, List<AggregateCall> aggregates)
        implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx) {
        return new HashAggregation(ctx, ctx.open(child), groups, aggregates);
    }

    @Override
    public String describe() {
        return groups.isEmpty() ? "Aggregate" : "HashAggregate";
    }

    @Override
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new ArrayList<>(groups);
        for (AggregateCall a : aggregates) {
            if (a.argument() != null) {
                out.add(a.argument());
            }
        }
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
