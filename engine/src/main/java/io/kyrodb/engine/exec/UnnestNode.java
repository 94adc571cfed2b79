package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.SqlArray;

import java.util.List;

/**
 * {@code unnest(a, b, ...)} in FROM: one row per element, the arrays side by side (a shorter one
 * padded with NULLs, as Postgres does); a NULL array has no elements. The arrays read no input
 * row: they are evaluated once per execution (parameters, outer queries' columns).
 */
public record UnnestNode(List<BoundExpr> arrays) implements PlanNode {
    private static final Object[] NO_ROW = new Object[0];

    @Override
    public RowIterator open(ExecContext ctx) {
        SqlArray[] values = new SqlArray[arrays.size()];
        int rows = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = (SqlArray) arrays.get(i).eval(NO_ROW, ctx);
            if (values[i] != null) {
                rows = Math.max(rows, values[i].length());
            }
        }
        int total = rows;
        int[] next = {0};
        return () -> {
            ctx.checkCancel();
            int r = next[0];
            if (r >= total) {
                return null;
            }
            next[0]++;
            Object[] out = new Object[values.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = values[i] != null && r < values[i].length() ? values[i].get(r) : null;
            }
            return out;
        };
    }

    @Override
    public String describe() {
        return "Function Scan on unnest";
    }

    @Override
    public List<BoundExpr> expressions() {
        return arrays;
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}
