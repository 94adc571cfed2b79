package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/** Computes one output row of {@code expressions} per input row. */
public record ProjectNode(PlanNode child, List<BoundExpr> expressions) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(child);
        BoundExpr[] exprs = expressions.toArray(BoundExpr[]::new);
        return () -> {
            Object[] row = in.next();
            if (row == null) {
                return null;
            }
            Object[] out = new Object[exprs.length];
            for (int i = 0; i < exprs.length; i++) {
                out[i] = exprs[i].eval(row, ctx);
            }
            return out;
        };
    }

    @Override
    public String describe() {
        return "Project";
    }

    @Override
    public List<BoundExpr> expressions() {
        return expressions;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
