package io.kyrodb.engine.exec;

import java.util.ArrayList;
import java.util.List;

/** Every pair of a left and a right row, concatenated (the right side is materialized once). */
public record CrossJoinNode(PlanNode left, PlanNode right) implements PlanNode {
    @Override
    public RowIterator open(Object[] params) {
        RowIterator l = left.open(params);
        List<Object[]> rights = new ArrayList<>();
        RowIterator r = right.open(params);
        for (Object[] row; (row = r.next()) != null; ) {
            rights.add(row);
        }
        return new RowIterator() {
            Object[] current;
            int i = rights.size();

            @Override
            public Object[] next() {
                while (i >= rights.size()) {
                    current = l.next();
                    if (current == null || rights.isEmpty()) {
                        return null;
                    }
                    i = 0;
                }
                Object[] rr = rights.get(i++);
                Object[] out = new Object[current.length + rr.length];
                System.arraycopy(current, 0, out, 0, current.length);
                System.arraycopy(rr, 0, out, current.length, rr.length);
                return out;
            }
        };
    }

    @Override
    public String describe() {
        return "Nested Loop";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(left, right);
    }
}
