package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * One row per distinct combination of the values in {@code keys} (plain columns of the child's
 * rows, compared as GROUP BY compares them), in the {@link JoinRows} layout {@code width} wide:
 * key {@code i} at slot {@code slots[i]}, every other slot NULL (the child may be a table's own
 * rows, not yet widened). Below a join whose aggregate ignores duplicates, it lets the join see each
 * combination once (see {@code DistinctPushdownRule}). A hash aggregation without aggregates does
 * the work, so it spills past {@code work_mem} like one; one integer column is deduplicated by
 * {@link IntegerDistinct}. Output order is first appearance while nothing spills.
 */
public record DistinctSlotsNode(PlanNode child, List<ColumnExpr> keys, int[] slots, int width) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        if (keys.size() == 1 && switch (keys.get(0).type().kind()) {
            case SMALLINT, INTEGER, BIGINT -> true;
            default -> false;
        }) {
            return new IntegerDistinct(ctx, ctx.open(child), keys.get(0), slots[0], width);
        }
        RowIterator groups = new HashAggregation(ctx, ctx.open(child), List.copyOf(keys), List.of());
        return () -> {
            Object[] key = groups.next();
            if (key == null) {
                return null;
            }
            Object[] out = new Object[width];
            for (int i = 0; i < slots.length; i++) {
                out[slots[i]] = key[i];
            }
            return out;
        };
    }

    @Override
    public String describe() {
        return "HashAggregate";
    }

    @Override
    public List<String> details() {
        List<String> names = new ArrayList<>();
        for (ColumnExpr k : keys) {
            names.add(k.table() == null ? k.name() : k.table() + "." + k.name());
        }
        return List.of("Group Key: " + String.join(", ", names));
    }

    @Override
    public List<BoundExpr> expressions() {
        return List.copyOf(keys);
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
