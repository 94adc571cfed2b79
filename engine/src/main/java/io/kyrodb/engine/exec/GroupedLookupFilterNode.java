package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * A correlated aggregate subquery decorrelated into a lookup: {@code groups} (a Hash over the grouped
 * subquery) returns one row per
 * correlation key (the key columns first, then the aggregate's value), read once into a hash
 * table; each row of {@code input} looks its {@code keys} up and passes when {@code predicate} is
 * TRUE with the value found (or {@code missing}, the aggregate over no rows: 0 for COUNT, else
 * NULL) in slot {@code slot} of the row (a slot past the input's own, so the row itself is not
 * changed). A NULL key finds nothing. The table is held in memory while it fits work_mem; past
 * it both sides are split by key hash and looked up partition by partition
 * ({@link GroupedLookupExecution}).
 */
public record GroupedLookupFilterNode(PlanNode input, HashNode groups, List<BoundExpr> keys, Object missing, int slot,
                                      BoundExpr predicate, String condition, String filter) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        return new GroupedLookupExecution(this, ctx);
    }

    @Override
    public String describe() {
        return "Hash Left Join";
    }

    @Override
    public List<String> details() {
        List<String> out = new ArrayList<>();
        out.add("Hash Cond: " + condition);
        out.add("Filter: " + filter);
        return out;
    }

    @Override
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new ArrayList<>(keys);
        out.add(predicate);
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(input, groups);
    }
}
