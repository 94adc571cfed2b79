package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.Comparator;
import java.util.List;

/**
 * Materializes its input and sorts it, stably (equal rows keep their input order), within
 * {@code work_mem}: past it, {@link ExternalSort} spills sorted runs to disk and merges them.
 */
public record SortNode(PlanNode child, List<SortKey> keys) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        return ExternalSort.sort(ctx.open(child), comparator(keys), ctx, this);
    }

    /** The order of {@code keys}: each key in turn, NULLs placed as the key says. */
    static Comparator<Object[]> comparator(List<SortKey> keys) {
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
    public void explain(ExplainDetails out) {
        out.sortKeys(keys);
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
