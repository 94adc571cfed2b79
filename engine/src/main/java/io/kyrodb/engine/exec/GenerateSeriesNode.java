package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.SeriesFunction;

import java.util.Iterator;
import java.util.List;

/**
 * {@code generate_series(start, stop [, step])} alone in FROM (reading no other FROM item): one row
 * per value, made as they are read, so a long series takes no memory. Its arguments are evaluated
 * once per execution (parameters, outer queries' columns); a NULL argument gives no rows.
 */
public record GenerateSeriesNode(List<BoundExpr> arguments) implements PlanNode {
    private static final Object[] NO_ROW = new Object[0];

    @Override
    public RowIterator open(ExecContext ctx) {
        Object[] values = new Object[3];
        for (int i = 0; i < arguments.size(); i++) {
            values[i] = arguments.get(i).eval(NO_ROW, ctx);
            if (values[i] == null) {
                return () -> null;
            }
        }
        Iterator<Object> series = SeriesFunction.series(values[0], values[1], values[2]);
        return () -> {
            ctx.checkCancel();
            return series.hasNext() ? new Object[]{series.next()} : null;
        };
    }

    @Override
    public String describe() {
        return "Function Scan on generate_series";
    }

    @Override
    public List<BoundExpr> expressions() {
        return arguments;
    }

    @Override
    public List<PlanNode> children() {
        return List.of();
    }
}
