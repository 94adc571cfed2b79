package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.expr.BoundExpr;

import java.util.ArrayList;
import java.util.List;

/** Skips {@code offset} rows, then passes at most {@code limit} (either may be null: no bound). */
public record LimitNode(PlanNode child, BoundExpr limit, BoundExpr offset) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        long max = bound(limit, ctx, "LIMIT", Long.MAX_VALUE);
        long skip = bound(offset, ctx, "OFFSET", 0);
        RowIterator in = ctx.open(child);
        long[] state = {skip, max};
        return () -> {
            while (state[0] > 0) {
                if (in.next() == null) {
                    return null;
                }
                state[0]--;
            }
            if (state[1] <= 0) {
                return null;
            }
            state[1]--;
            return in.next();
        };
    }

    private static long bound(BoundExpr e, ExecContext ctx, String what, long absent) {
        if (e == null) {
            return absent;
        }
        Object v = e.eval(null, ctx);
        if (v == null) {
            return absent;
        }
        long n = ((Number) v).longValue();
        if (n < 0) {
            throw new KyroException(what.equals("LIMIT") ? SqlState.INVALID_ROW_COUNT_IN_LIMIT
                    : SqlState.INVALID_ROW_COUNT_IN_OFFSET, what + " must not be negative, got " + n);
        }
        return n;
    }

    @Override
    public String describe() {
        return "Limit";
    }

    @Override
    public List<BoundExpr> expressions() {
        return expressions(limit, offset);
    }

    /** The LIMIT and OFFSET expressions a limiting node shows (EXPLAIN), the absent ones left out. */
    static List<BoundExpr> expressions(BoundExpr limit, BoundExpr offset) {
        List<BoundExpr> out = new ArrayList<>(2);
        if (limit != null) {
            out.add(limit);
        }
        if (offset != null) {
            out.add(offset);
        }
        return out;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
