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
        if (countsRowsOnly()) {
            return countRows(ctx.open(child));
        }
        return new HashAggregation(ctx, ctx.open(child), groups, aggregates);
    }

    /** Whether this is {@code count(*)} (once or more) without GROUP BY: the rows are only counted. */
    private boolean countsRowsOnly() {
        if (!groups.isEmpty()) {
            return false;
        }
        for (AggregateCall a : aggregates) {
            if (a.function() != AggregateFunction.COUNT || a.argument() != null || a.distinct()) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@code count(*)} without groups: one row of the input's row count, with none of a hash
     * aggregation's set-up (a correlated count per outer row opens this once per row).
     */
    private RowIterator countRows(RowIterator input) {
        return new RowIterator() {
            private boolean done;

            @Override
            public Object[] next() {
                if (done) {
                    return null;
                }
                long n = 0;
                while (input.next() != null) {
                    n++;
                }
                done = true;
                Object[] row = new Object[aggregates.size()];
                java.util.Arrays.fill(row, n);
                return row;
            }
        };
    }

    @Override
    public String describe() {
        return groups.isEmpty() ? "Aggregate" : "HashAggregate";
    }

    /** {@code Group Key: a, b}: the grouping expressions over the input's columns. */
    @Override
    public void explain(ExplainDetails out) {
        if (!groups.isEmpty()) {
            out.list("Group Key", groups.stream().map(out::deparse).toList());
        }
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
