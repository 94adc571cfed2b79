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
 * as it arrives (small groups a few together): many small sorts of rows read moments ago instead
 * of one of the whole input. A window's rows come out so, grouped by its PARTITION BY, for an
 * ORDER BY that starts with it.
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

    /**
     * Fewer rows than this are not sorted alone: a batch takes whole groups until it holds this
     * many (PostgreSQL's Incremental Sort does the same), so a query whose groups are single rows
     * (PARTITION BY a key) does not pay a sort's set-up per row.
     */
    static final int MIN_BATCH = 32;

    /**
     * The input's rows in batches of whole groups of rows equal in the presorted keys, each batch
     * sorted by every key: its groups arrive in order, so that sorts each group by the other keys.
     */
    private RowIterator sortGroups(RowIterator in, ExecContext ctx) {
        Comparator<Object[]> prefix = comparator(keys.subList(0, presorted));
        Comparator<Object[]> order = comparator(keys);
        return new RowIterator() {
            private Object[] pending = in.next();
            private RowIterator batch = () -> null;

            @Override
            public Object[] next() {
                while (true) {
                    Object[] row = batch.next();
                    if (row != null || pending == null) {
                        return row;
                    }
                    batch = null;   // its rows may go before the next batch is read
                    batch = ExternalSort.sort(new RowIterator() {
                        private int taken;
                        private Object[] last;

                        /* The batch's rows: pending becomes the next batch's first. */
                        @Override
                        public Object[] next() {
                            if (pending == null || taken >= MIN_BATCH && prefix.compare(last, pending) != 0) {
                                return null;
                            }
                            last = pending;
                            taken++;
                            pending = in.next();
                            return last;
                        }
                    }, order, ctx);
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
