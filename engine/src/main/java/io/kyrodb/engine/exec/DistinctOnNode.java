package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.List;

/**
 * SELECT DISTINCT ON: of rows sorted so that equal {@code columns} values are adjacent, passes the
 * first of each run of equal values (NULLs equal) and drops the rest. Streams; holds one row.
 */
public record DistinctOnNode(PlanNode child, int[] columns) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator in = ctx.open(child);
        Object[][] last = {null};
        return () -> {
            for (Object[] row; (row = in.next()) != null; ) {
                if (last[0] == null || !same(last[0], row)) {
                    last[0] = row;
                    return row;
                }
            }
            return null;
        };
    }

    private boolean same(Object[] a, Object[] b) {
        for (int c : columns) {
            if (!Values.sameValue(a[c], b[c])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return "Unique";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
