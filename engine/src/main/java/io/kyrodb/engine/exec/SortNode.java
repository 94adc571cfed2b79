package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.Comparator;
import java.util.List;

/**
 * Materializes its input and sorts it, stably (equal rows keep their input order), within
 * {@code work_mem}: past it, {@link ExternalSort} spills sorted runs to disk and merges them.
 *
 * <p>With {@code presorted} keys (PostgreSQL's Incremental Sort), the input arrives sorted by the
 * first {@code presorted} keys already, and each group of rows equal in them is sorted on its own
 * as it arrives: many small sorts of rows read moments ago instead of one of the whole input. A
 * window's rows come out so, grouped by its PARTITION BY, for an ORDER BY that starts with it.
 */
public record SortNode(PlanNode child, List<SortKey> keys, int presorted) implements PlanNode {
    public SortNode {
        if (presorted < 0 || presorted > 0 && presorted >= keys.size()) {
            throw new IllegalArgumentException(presorted + " presorted keys of " + keys.size() + ": nothing to sort");
        }
    }

    /** A sort of input in no known order. */
    public SortNode(PlanNode child, List<SortKey> keys) {
        this(child, keys, 0);
    }

    @Override
    public RowIterator open(ExecContext ctx) {
        if (presorted > 0) {
            return sortGroups(ctx.open(child), ctx);
        }
        return ExternalSort.sort(ctx.open(child), comparator(keys), ctx, this);
    }

    /** Each group of rows equal in the presorted keys, sorted by the others in turn. */
    private RowIterator sortGroups(RowIterator in, ExecContext ctx) {
        Comparator<Object[]> prefix = comparator(keys.subList(0, presorted));
        Comparator<Object[]> rest = comparator(keys.subList(presorted, keys.size()));
        return new RowIterator() {
            private Object[] pending = in.next();
            private RowIterator group = () -> null;

            @Override
            public Object[] next() {
                while (true) {
                    Object[] row = group.next();
                    if (row != null || pending == null) {
                        return row;
                    }
                    Object[] first = pending;
                    RowIterator rows = () -> {   // the group's rows; pending becomes the next group's first
                        if (pending == null || prefix.compare(first, pending) != 0) {
                            return null;
                        }
                        Object[] r = pending;
                        pending = in.next();
                        return r;
                    };
                    group = ExternalSort.sort(rows, rest, ctx);
                }
            }
        };
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
        return presorted > 0 ? "Incremental Sort" : "Sort";
    }

    @Override
    public void explain(ExplainDetails out) {
        out.sortKeys(keys);
        if (presorted > 0) {
            out.sortKeys("Presorted Key", keys.subList(0, presorted));
        }
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }
}
