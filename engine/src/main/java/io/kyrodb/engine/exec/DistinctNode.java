package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.List;
import java.util.TreeSet;

/** Drops rows equal (by SQL value, NULLs equal) to an earlier row. */
public record DistinctNode(PlanNode child) implements PlanNode {
    @Override
    public RowIterator open(Object[] params) {
        RowIterator in = child.open(params);
        TreeSet<Object[]> seen = new TreeSet<>((a, b) -> {
            for (int i = 0; i < a.length; i++) {
                if (a[i] == null || b[i] == null) {
                    if (a[i] != b[i]) {
                        return a[i] == null ? -1 : 1;
                    }
                    continue;
                }
                int c = Values.compare(a[i], b[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        });
        return () -> {
            for (Object[] row; (row = in.next()) != null; ) {
                if (seen.add(row)) {
                    return row;
                }
            }
            return null;
        };
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
