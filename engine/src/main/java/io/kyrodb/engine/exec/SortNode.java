package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Materializes its input and sorts it (stable, so equal rows keep their input order). */
public record SortNode(PlanNode child, List<SortKey> keys) implements PlanNode {
    @Override
    public RowIterator open(Object[] params) {
        RowIterator in = child.open(params);
        List<Object[]> rows = new ArrayList<>();
        for (Object[] row; (row = in.next()) != null; ) {
            rows.add(row);
        }
        rows.sort(comparator());
        var it = rows.iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    private Comparator<Object[]> comparator() {
        SortKey[] k = keys.toArray(SortKey[]::new);
        return (a, b) -> {
            for (SortKey key : k) {
                Object x = a[key.column()];
                Object y = b[key.column()];
                int c;
                if (x == null || y == null) {
                    if (x == y) {
                        continue;
                    }
                    c = (x == null) == key.nullsFirst() ? -1 : 1;
                } else {
                    c = Values.compare(x, y);
                    if (key.descending()) {
                        c = -c;
                    }
                }
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        };
    }

    @Override
    public String describe() {
        return "Sort";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
