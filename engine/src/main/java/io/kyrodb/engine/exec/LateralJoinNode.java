package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.List;

/**
 * {@code left [LEFT] JOIN LATERAL (sub) ON condition}: runs {@code sub} once per left row (the row
 * its outer references read, as a correlated subquery's), places each of its rows at
 * {@code offset} of a copy of the left row ({@link JoinRows}' layout) and keeps those for which
 * {@code condition} (null: none) is TRUE. A LEFT join also passes a left row that matched nothing,
 * with the subquery's columns NULL.
 */
public record LateralJoinNode(PlanNode left, PlanNode sub, int offset, JoinType type, BoundExpr condition)
        implements PlanNode {

    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator l = left.open(ctx);
        return new RowIterator() {
            Object[] current;
            RowIterator rights;
            boolean matched;

            @Override
            public Object[] next() {
                while (true) {
                    ctx.checkCancel();
                    if (rights != null) {
                        for (Object[] r; (r = rights.next()) != null; ) {
                            Object[] joined = current.clone();
                            System.arraycopy(r, 0, joined, offset, r.length);
                            if (condition == null || Boolean.TRUE.equals(condition.eval(joined, ctx))) {
                                matched = true;
                                return joined;
                            }
                        }
                        rights = null;
                        if (!matched && type == JoinType.LEFT) {
                            return current;
                        }
                    }
                    current = l.next();
                    if (current == null) {
                        return null;
                    }
                    matched = false;
                    rights = ctx.open(sub, current);
                }
            }
        };
    }

    @Override
    public String describe() {
        return type == JoinType.LEFT ? "Nested Loop Left Join (lateral)" : "Nested Loop (lateral)";
    }

    @Override
    public List<BoundExpr> expressions() {
        return condition == null ? List.of() : List.of(condition);
    }

    /** The left input, then the subquery run per left row (one query level deeper for outer references). */
    @Override
    public List<PlanNode> children() {
        return List.of(left, sub);
    }
}
