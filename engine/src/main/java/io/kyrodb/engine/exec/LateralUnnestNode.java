package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.types.SqlArray;

import java.util.List;

/**
 * {@code FROM t, unnest(t.a)}: for each input row (in the FROM clause's row layout), the arrays
 * evaluated on that row and one output row per element, with the elements in the slots from
 * {@code offset} on (a shorter array padded with NULLs); a row whose arrays are all NULL or empty
 * gives no row, as in Postgres. {@code ordinality} (WITH ORDINALITY): the slot after the elements
 * numbers each input row's output rows from 1.
 */
public record LateralUnnestNode(PlanNode child, List<BoundExpr> arrays, int offset, boolean ordinality)
        implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(child);
        SqlArray[] values = new SqlArray[arrays.size()];
        return new RowIterator() {
            private Object[] row;
            private int length;
            private int next;

            @Override
            public Object[] next() {
                while (row == null || next >= length) {
                    row = in.next();
                    if (row == null) {
                        return null;
                    }
                    length = 0;
                    next = 0;
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (SqlArray) arrays.get(i).eval(row, ctx);
                        if (values[i] != null) {
                            length = Math.max(length, values[i].length());
                        }
                    }
                }
                Object[] out = java.util.Arrays.copyOf(row, Math.max(row.length,
                        offset + values.length + (ordinality ? 1 : 0)));
                for (int i = 0; i < values.length; i++) {
                    out[offset + i] = values[i] != null && next < values[i].length() ? values[i].get(next) : null;
                }
                next++;
                if (ordinality) {
                    out[offset + values.length] = (long) next;
                }
                return out;
            }
        };
    }

    @Override
    public String describe() {
        return "Nested Loop (Function Scan on unnest per row)";
    }

    @Override
    public List<BoundExpr> expressions() {
        return arrays;
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
