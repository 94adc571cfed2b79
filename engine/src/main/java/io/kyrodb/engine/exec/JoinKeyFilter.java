package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.ColumnExpr;
import io.kyrodb.engine.storage.run.IntRangeFilter;

/**
 * A hash join's keys handed to the sequential scan it probes with (a runtime filter, as DuckDB's
 * and Spark's joins make): once the hash table is built, a left row whose key is none of its keys
 * can match nothing, and where the join does not preserve its left rows (INNER, RIGHT, SEMI) it
 * need not be read. The join opens its left input only then, with the keys' range, and their set
 * where it is dense enough for a bitmap, kept for the scan ({@link ScanNode#open(ExecContext,
 * IntRangeFilter)}): the table's cached blocks skip the other rows by their integer column
 * arrays, without reading them. The left input must be the scan, or filters and a join's
 * widening over it, and the one key a plain column of it; not under EXPLAIN ANALYZE (whose scan
 * counts every row it reads).
 *
 * @param scan the scan the keys go to
 * @param column the key's column in the scan's rows
 */
record JoinKeyFilter(ScanNode scan, int column) {
    /** At most this many bits a key: a sparser set gives its range only. */
    private static final long BITS_PER_KEY = 64;
    /** A set of keys this close together is a bitmap whatever its size (512 bytes). */
    private static final long SMALL_RANGE = 4096;

    /** Where {@code join}'s keys can go, or null. */
    static JoinKeyFilter of(HashJoinNode join, ExecContext ctx) {
        if (ctx.instrumentation() != null || join.type().preservesLeft() || join.type() == JoinType.ANTI
                || join.type() == JoinType.NULL_AWARE_ANTI || join.leftKeys().size() != 1
                || !(join.leftKeys().getFirst() instanceof ColumnExpr key)) {
            return null;
        }
        int slot = key.index();
        PlanNode n = join.left();
        while (true) {
            if (n instanceof FilterNode f) {
                n = f.child();
            } else if (n instanceof WidenNode w) {
                slot -= w.offset();
                n = w.child();
            } else {
                break;
            }
        }
        if (n instanceof ScanNode s && !s.table().isSystem() && slot >= 0 && slot < s.table().columns().size()) {
            return new JoinKeyFilter(s, slot);
        }
        return null;
    }

    /**
     * Opens {@code left} (the join's left input) with the scan reading only rows whose key column
     * may be one of {@code keys} (the hash table's keys; null: not known, every row).
     */
    RowIterator open(PlanNode left, LongKeyMap<?> keys, ExecContext ctx) {
        IntRangeFilter filter = keys == null ? null : filter(keys);
        if (filter == null) {
            return ctx.open(left);
        }
        Object before = ctx.keptState(scan);
        ctx.keepState(scan, filter);
        try {
            return ctx.open(left);
        } finally {
            ctx.keepState(scan, before);
        }
    }

    /** The keys that an INTEGER can equal, as a range, and a bitmap of them when they are dense. */
    private IntRangeFilter filter(LongKeyMap<?> keys) {
        long[] bounds = {Long.MAX_VALUE, Long.MIN_VALUE};
        keys.forEachKey(k -> {
            if (k >= Integer.MIN_VALUE && k <= Integer.MAX_VALUE) {
                bounds[0] = Math.min(bounds[0], k);
                bounds[1] = Math.max(bounds[1], k);
            }
        });
        if (bounds[0] > bounds[1]) {
            return IntRangeFilter.members(column, 1, 0, new long[0]);   // no key an INTEGER can equal: no row
        }
        int low = (int) bounds[0];
        int high = (int) bounds[1];
        long range = bounds[1] - bounds[0] + 1;
        if (range > Math.max(SMALL_RANGE, BITS_PER_KEY * keys.size())) {
            return IntRangeFilter.of(new int[]{column}, new int[]{low}, new int[]{high});
        }
        long[] bits = new long[(int) ((range + 63) >>> 6)];
        long[] members = {0};
        keys.forEachKey(k -> {
            if (k >= low && k <= high) {
                long d = k - low;
                bits[(int) (d >>> 6)] |= 1L << d;
                members[0]++;
            }
        });
        if (members[0] == range) {   // every value in the range is a key (a join on a dense primary key)
            return IntRangeFilter.of(new int[]{column}, new int[]{low}, new int[]{high});
        }
        return IntRangeFilter.members(column, low, high, bits);
    }
}
