package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.Values;

import java.util.List;

/**
 * FETCH FIRST n ROWS WITH TIES: after {@code offset} rows, passes {@code limit} rows and then every
 * further row that ties with the last one on the ORDER BY {@code keys} (its input is sorted by them).
 */
public record LimitWithTiesNode(PlanNode child, BoundExpr limit, BoundExpr offset, List<SortKey> keys)
        implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator limited = new LimitNode(child, null, offset).open(ctx);
        long max = limit == null ? Long.MAX_VALUE : count(limit.eval(null, ctx));
        return new RowIterator() {
            long passed;
            Object[] last;
            boolean done;

            @Override
            public Object[] next() {
                if (done) {
                    return null;
                }
                Object[] row = limited.next();
                if (row == null) {
                    done = true;
                    return null;
                }
                if (passed < max) {
                    passed++;
                    last = row;
                    return row;
                }
                if (last != null && ties(last, row)) {
                    return row;
                }
                done = true;
                return null;
            }
        };
    }

    private static long count(Object v) {
        if (v == null) {
            return Long.MAX_VALUE;
        }
        long n = ((Number) v).longValue();
        if (n < 0) {
            throw new io.kyrodb.engine.KyroException(io.kyrodb.engine.SqlState.INVALID_ROW_COUNT_IN_LIMIT,
                    "FETCH FIRST count must not be negative, got " + n);
        }
        return n;
    }

    private boolean ties(Object[] a, Object[] b) {
        for (SortKey k : keys) {
            if (!Values.sameValue(a[k.column()], b[k.column()])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return "Limit";
    }

    @Override
    public List<BoundExpr> expressions() {
        return LimitNode.expressions(limit, offset);
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
