package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A correlated aggregate subquery decorrelated into a lookup: {@code groups} (a Hash over the grouped
 * subquery) returns one row per
 * correlation key (the key columns first, then the aggregate's value), read once into a hash
 * table; each row of {@code input} looks its {@code keys} up and passes when {@code predicate} is
 * TRUE with the value found (or {@code missing}, the aggregate over no rows: 0 for COUNT, else
 * NULL) in slot {@code slot} of the row (a slot past the input's own, so the row itself is not
 * changed). A NULL key finds nothing. The table is held in memory: past work_mem, 53200 (the
 * grouped input already fits, as HashAggregation spills while it groups).
 */
public record GroupedLookupFilterNode(PlanNode input, HashNode groups, List<BoundExpr> keys, Object missing, int slot,
                                      BoundExpr predicate, String condition, String filter) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        Map<GroupKey, Object> found = new HashMap<>();
        long budget = WorkMem.budget(ctx);
        long bytes = 0;
        int width = keys.size();
        RowIterator g = ctx.open(groups);
        for (Object[] row; (row = g.next()) != null; ) {
            ctx.checkCancel();
            Object[] key = Arrays.copyOf(row, width);
            found.put(new GroupKey(key), row[width]);
            bytes += MemoryEstimate.HASH_ENTRY + MemoryEstimate.row(row);
            if (bytes > budget) {
                throw WorkMem.exceeded(ctx, "a decorrelated subquery's groups", "SET enable_decorrelation = off");
            }
        }
        RowIterator in = ctx.open(input);
        return () -> {
            for (Object[] row; (row = in.next()) != null; ) {
                ctx.checkCancel();
                Object[] key = new Object[width];
                boolean nullKey = false;
                for (int i = 0; i < width && !nullKey; i++) {
                    key[i] = keys.get(i).eval(row, ctx);
                    nullKey = key[i] == null;
                }
                Object value = nullKey ? missing : found.getOrDefault(new GroupKey(key), missing);
                Object[] extended = Arrays.copyOf(row, Math.max(row.length, slot + 1));
                extended[slot] = value;
                if (Boolean.TRUE.equals(predicate.eval(extended, ctx))) {
                    return row;
                }
            }
            return null;
        };
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
