package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.ArrayList;
import java.util.List;

/**
 * An equi-join: a hash table of the right input by {@code rightKeys}, probed with each left row's
 * {@code leftKeys}; a pair matches when every key is equal (NULL never is) and {@code residual}
 * (null: none) is TRUE. Rows of a preserved side that match nothing come out extended with NULLs.
 * The planner puts the smaller input on the right. Rows are in {@link JoinRows}' layout;
 * {@code rightSlots} are the slots the right input fills. Within work_mem, see
 * {@link HashJoinExecution}. {@code condition} is the Hash Cond EXPLAIN prints, {@code filter}
 * the Join Filter (null: none). Where its left input is a sequential scan that need not return
 * rows no key matches, the scan gets the built keys ({@link JoinKeyFilter}).
 */
public record HashJoinNode(PlanNode left, PlanNode right, JoinType type, List<BoundExpr> leftKeys,
                           List<BoundExpr> rightKeys, BoundExpr residual, int[] rightSlots, String condition,
                           String filter) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        JoinKeyFilter keys = JoinKeyFilter.of(this, ctx);
        if (keys != null) {
            return new HashJoinExecution(ctx, this, keys, ctx.open(right));   // left opens after the build
        }
        return new HashJoinExecution(ctx, this, ctx.open(left), ctx.open(right), 0);
    }

    @Override
    public String describe() {
        return "Hash" + type.explainSuffix() + " Join";
    }

    @Override
    public List<String> details() {
        List<String> out = new ArrayList<>();
        out.add("Hash Cond: " + condition);
        if (filter != null) {
            out.add("Join Filter: " + filter);
        }
        return out;
    }

    @Override
    public List<BoundExpr> expressions() {
        List<BoundExpr> out = new ArrayList<>(leftKeys);
        out.addAll(rightKeys);
        if (residual != null) {
            out.add(residual);
        }
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(left, right);
    }
}
