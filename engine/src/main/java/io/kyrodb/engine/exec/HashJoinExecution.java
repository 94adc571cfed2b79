package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One execution of a {@link HashJoinNode} within {@code work_mem} (a Grace hash join). The right
 * input is read into a hash table while its estimated size stays within work_mem; past it, the
 * table and the rest of the right input are split into {@link HashPartitions} by the hash of their
 * keys, and so is the whole left input, with the same partition function. Matching rows then sit
 * in partitions of the same number, and each pair is joined on its own the same way, one deeper
 * (split again if still too large). A row whose key holds a NULL never matches; it is kept only
 * when its side is preserved, and spilled to any partition (round robin).
 *
 * <p>A SEMI or ANTI join returns left rows only, each once: at its first match (SEMI) or when
 * nothing matches (ANTI, whose NULL-keyed left rows always qualify). NULL_AWARE_ANTI (NOT IN)
 * returns nothing once the right input holds a NULL key, and a NULL-keyed left row only when the
 * right input is empty (so it never spills).
 *
 * <p>53200 only when a partition still does not fit after {@link HashPartitions#MAX_DEPTH} splits
 * (many right rows with the same key). Output order is unspecified.
 */
final class HashJoinExecution implements RowIterator {
    /**
     * A right row in the hash table, and whether some left row matched it. The rows of one key are
     * a chain in input order, its first entry the one the table holds (which knows the last, to
     * append): a probe reaches its row in two steps, without a list between.
     */
    private static final class Entry {
        final Object[] row;
        boolean matched;
        Entry next;
        /** In a chain's first entry, the chain's last; null elsewhere. */
        Entry last;

        Entry(Object[] row) {
            this.row = row;
        }
    }

    private final ExecContext ctx;
    private final HashJoinNode node;
    private final BoundExpr[] leftKeys;
    private final BoundExpr[] rightKeys;
    /** The slot of the left row the one left key reads when it is a plain column, else -1. */
    private final int leftColumn;
    private final int depth;
    private final long budget;
    private RowIterator left;
    private RowIterator right;

    private Map<GroupKey, Entry> table;
    /**
     * With one join key, the hash table while every key in it is a whole number of an integer type
     * ({@link LongKeyMap#integral}), {@link #table} empty meanwhile; moved into {@link #table} at
     * the first other key, and before spilling.
     */
    private LongKeyMap<Entry> integers;
    // Probing: the current left row, its candidates and whether one matched.
    private Object[] probe;
    private Entry candidate;
    private boolean probeMatched;
    private Iterator<Entry> unmatched;
    private Entry unmatchedInChain;
    // Probing in batches (readBatch): the left rows read ahead, their build rows, the next to join.
    private Object[][] batchRows;
    private Entry[] batchFound;
    private int batchAt;
    private int batchSize;
    /** Whether a batch read to the end of the left input. */
    private boolean leftEnded;
    /** In {@link #batchFound}: not looked up yet (a key that is not an integer). */
    private static final Entry LATER = new Entry(null);

    // Spilled: partition pairs still to join, the one being joined, and its files.
    private Deque<HashPartitions.Partition[]> pairs;
    private HashJoinExecution current;
    private HashPartitions.Partition[] currentPair;

    /**
     * The partition hash of the next row whose key holds a NULL: such a row matches nothing, so any
     * partition will do, and spreading them keeps many of them from filling one partition for good.
     */
    private int spread;

    /** Right rows read, and whether one had a NULL key (NULL_AWARE_ANTI decides by them). */
    private long rightRows;
    private boolean rightSawNull;

    // Statistics (tests).
    private int deepest;

    /** Where the built keys go before the left input opens ({@link JoinKeyFilter}); null: left came open. */
    private final JoinKeyFilter keyFilter;

    HashJoinExecution(ExecContext ctx, HashJoinNode node, RowIterator left, RowIterator right, int depth) {
        this(ctx, node, left, right, depth, null);
    }

    /** The top execution of {@code node}, which opens its left input once the hash table is built. */
    HashJoinExecution(ExecContext ctx, HashJoinNode node, JoinKeyFilter keyFilter, RowIterator right) {
        this(ctx, node, null, right, 0, keyFilter);
    }

    private HashJoinExecution(ExecContext ctx, HashJoinNode node, RowIterator left, RowIterator right, int depth,
                              JoinKeyFilter keyFilter) {
        this.keyFilter = keyFilter;
        this.ctx = ctx;
        this.node = node;
        this.leftKeys = node.leftKeys().toArray(BoundExpr[]::new);
        this.rightKeys = node.rightKeys().toArray(BoundExpr[]::new);
        this.leftColumn = leftKeys.length == 1 && leftKeys[0] instanceof ColumnExpr c ? c.index() : -1;
        this.left = left;
        this.right = right;
        this.depth = depth;
        this.deepest = depth;
        this.budget = WorkMem.budget(ctx);
    }

    @Override
    public Object[] next() {
        try {
            if (right != null) {
                build();
            }
            return pairs != null ? nextSpilled() : nextProbed();
        } catch (RuntimeException | Error e) {
            closeAfterFailure(e);
            throw e;
        }
    }

    /** The deepest partition joined so far (0: nothing spilled). */
    int deepestPass() {
        return current == null ? deepest : Math.max(deepest, current.deepestPass());
    }

    private void build() {
        table = new HashMap<>();
        integers = rightKeys.length == 1 ? new LongKeyMap<>() : null;
        long bytes = 0;
        boolean keepNullKeys = node.type().preservesRight();
        boolean distinctKeysOnly = node.type().leftOnly() && node.residual() == null;
        for (Object[] row; (row = right.next()) != null; ) {
            ctx.checkCancel();
            rightRows++;
            Object[] key = keys(rightKeys, row);
            if (key == null && !keepNullKeys) {
                rightSawNull = true;
                continue;
            }
            Object[] values = key == null ? keys(rightKeys, row, true) : key;
            Entry first = lookup(values);
            Entry entry = new Entry(row);
            if (first == null) {
                entry.last = entry;
                insert(values, entry);
                // an integer key costs a slot of the long table; another a map entry and its key array
                bytes += (integers != null ? LongKeyMap.ENTRY_BYTES : MemoryEstimate.HASH_ENTRY + MemoryEstimate.row(values));
            } else if (distinctKeysOnly) {
                continue;   // a SEMI/ANTI join without a residual asks only whether the key is there
            } else {
                first.last.next = entry;
                first.last = entry;
            }
            bytes += MemoryEstimate.row(row) + MemoryEstimate.SMALL_OBJECT + 2 * MemoryEstimate.REFERENCE;
            if (bytes > budget) {
                spill();
                return;
            }
        }
        right = null;
        openLeft(integers);
    }

    /** Opens the left input where the node's execution left it for after the build, with {@code keys} (null: unknown). */
    private void openLeft(LongKeyMap<Entry> keys) {
        if (keyFilter != null && left == null) {
            left = keyFilter.open(node.left(), keys, ctx);
        }
    }

    /** The build side does not fit: partitions both inputs and joins them pair by pair. */
    private void spill() {
        if (!HashPartitions.canSplit(depth)) {
            throw WorkMem.exceeded(ctx, "a hash join's inner rows with equal keys, after splitting them "
                    + HashPartitions.MAX_DEPTH + " times,", "join on columns with more distinct values");
        }
        generic();
        HashPartitions rights = new HashPartitions(ctx, "hashjoin", depth);
        HashPartitions lefts = null;
        try {
            for (Map.Entry<GroupKey, Entry> e : table.entrySet()) {
                boolean nullKey = Arrays.asList(e.getKey().values()).contains(null);
                for (Entry en = e.getValue(); en != null; en = en.next) {
                    rights.add(nullKey ? spread++ : e.getKey().hashCode(), en.row);
                }
            }
            table = null;
            integers = null;
            boolean keepNullKeys = node.type().preservesRight();
            for (Object[] row; (row = right.next()) != null; ) {
                ctx.checkCancel();
                Object[] key = keys(rightKeys, row);
                if (key == null && !keepNullKeys) {
                    rightSawNull = true;
                    continue;
                }
                rights.add(key == null ? spread++ : new GroupKey(key).hashCode(), row);
            }
            right = null;
            openLeft(null);
            lefts = new HashPartitions(ctx, "hashjoin", depth);
            // an ANTI join returns a NULL-keyed left row; NOT IN's never, the right input having rows
            boolean keepLeftNullKeys = node.type().preservesLeft() || node.type() == JoinType.ANTI;
            for (Object[] row; (row = left.next()) != null; ) {
                ctx.checkCancel();
                Object[] key = keys(leftKeys, row);
                if (key == null && !keepLeftNullKeys) {
                    continue;
                }
                lefts.add(key == null ? spread++ : new GroupKey(key).hashCode(), row);
            }
            left = null;
        } catch (RuntimeException | Error e) {
            rights.closeAfterFailure(e);
            if (lefts != null) {
                lefts.closeAfterFailure(e);
            }
            throw e;
        }
        List<HashPartitions.Partition> r = rights.finishByIndex();
        List<HashPartitions.Partition> l = lefts.finishByIndex();
        pairs = new ArrayDeque<>();
        if (node.type() == JoinType.NULL_AWARE_ANTI && rightSawNull) {
            closeUnjoined(r, l);
            return;   // NOT IN over a NULL: no row is TRUE
        }
        for (int i = 0; i < r.size(); i++) {
            if (r.get(i) != null || l.get(i) != null) {
                pairs.add(new HashPartitions.Partition[]{l.get(i), r.get(i)});
            }
        }
    }

    private Object[] nextSpilled() {
        int bufferSize = WorkMem.ioBufferSize(budget);
        while (true) {
            if (current != null) {
                Object[] row = current.next();
                if (row != null) {
                    return row;
                }
                deepest = Math.max(deepest, current.deepestPass());
                current = null;
                closePair(currentPair);
                currentPair = null;
            }
            if (pairs.isEmpty()) {
                return null;
            }
            currentPair = pairs.poll();
            RowIterator l = reader(currentPair[0], bufferSize);
            RowIterator r = reader(currentPair[1], bufferSize);
            int d = currentPair[0] != null ? currentPair[0].depth() : currentPair[1].depth();
            current = new HashJoinExecution(ctx, node, l, r, d);
        }
    }

    private static void closeUnjoined(List<HashPartitions.Partition> r, List<HashPartitions.Partition> l) {
        for (HashPartitions.Partition p : r) {
            if (p != null) {
                p.file().close();
            }
        }
        for (HashPartitions.Partition p : l) {
            if (p != null) {
                p.file().close();
            }
        }
    }

    private static RowIterator reader(HashPartitions.Partition p, int bufferSize) {
        if (p == null) {
            return () -> null;
        }
        SpillCodec.Reader reader = p.reader(bufferSize);
        return reader::next;
    }

    private Object[] nextProbed() {
        if (node.type().leftOnly()) {
            return nextLeftOnly();
        }
        while (true) {
            ctx.checkCancel();
            while (candidate != null) {
                Entry e = candidate;
                candidate = e.next;
                Object[] joined = JoinRows.merge(probe, e.row, node.rightSlots());
                if (node.residual() == null || Boolean.TRUE.equals(node.residual().eval(joined, ctx))) {
                    e.matched = true;
                    probeMatched = true;
                    return joined;
                }
            }
            if (probe != null) {
                Object[] p = probe;
                probe = null;
                if (!probeMatched && node.type().preservesLeft()) {
                    return p;
                }
            }
            if (left != null) {
                if (batchAt == batchSize && !leftEnded) {
                    readBatch();
                }
                Object[] row;
                if (leftEnded && batchAt == batchSize) {
                    row = null;   // a short batch met the end: left is not asked again
                } else if (batchAt < batchSize) {
                    row = batchRows[batchAt];
                    Entry found = batchFound[batchAt];
                    batchRows[batchAt] = null;
                    batchFound[batchAt] = null;
                    batchAt++;
                    candidate = found == LATER ? probe(row) : found;
                } else {
                    row = left.next();
                    candidate = row == null ? null : probe(row);
                }
                if (row != null) {
                    probe = row;
                    probeMatched = false;
                    continue;
                }
                left = null;
                candidate = null;
                if (node.type().preservesRight()) {
                    unmatched = integers != null ? integers.values() : table.values().iterator();
                }
            }
            return nextUnmatchedRight();
        }
    }

    /**
     * Reads up to {@link HashAggregation#BATCH} left rows and looks up the build rows of those whose
     * key is an integer in {@link #integers} ({@link #LATER} for the others, looked up when their
     * turn comes), before any of them is joined: the lookups' memory reads then overlap, where one
     * row at a time each waits for the one before (as {@link HashAggregation} reads a GROUP BY's
     * input). Only with the one key a plain column, whose lookup evaluates nothing.
     */
    private void readBatch() {
        batchAt = 0;
        batchSize = 0;
        if (integers == null || leftColumn < 0) {
            return;
        }
        if (batchRows == null) {
            batchRows = new Object[HashAggregation.BATCH][];
            batchFound = new Entry[HashAggregation.BATCH];
        }
        for (Object[] row; batchSize < HashAggregation.BATCH; batchSize++) {
            row = left.next();
            if (row == null) {
                leftEnded = true;
                break;
            }
            batchRows[batchSize] = row;
        }
        for (int r = 0; r < batchSize; r++) {
            Object column = batchRows[r][leftColumn];
            batchFound[r] = LongKeyMap.integral(column) ? integers.get(((Number) column).longValue()) : LATER;
        }
    }

    /** The next left row a SEMI or ANTI join returns. */
    private Object[] nextLeftOnly() {
        JoinType type = node.type();
        if (left == null || (type == JoinType.NULL_AWARE_ANTI && rightSawNull)) {
            left = null;
            table = null;
            integers = null;
            return null;
        }
        for (Object[] row; (row = left.next()) != null; ) {
            ctx.checkCancel();
            Entry found;
            Object column = leftColumn >= 0 ? row[leftColumn] : null;
            if (integers != null && LongKeyMap.integral(column)) {
                found = integers.get(((Number) column).longValue());
            } else {
                Object[] key = keys(leftKeys, row);
                if (key == null) {
                    if (type == JoinType.ANTI || (type == JoinType.NULL_AWARE_ANTI && rightRows == 0)) {
                        return row;
                    }
                    continue;
                }
                found = lookup(key);
            }
            boolean matched = false;
            for (Entry e = found; e != null && !matched; e = e.next) {
                matched = node.residual() == null || Boolean.TRUE.equals(
                        node.residual().eval(JoinRows.merge(row, e.row, node.rightSlots()), ctx));
            }
            if (matched == (type == JoinType.SEMI)) {
                return row;
            }
        }
        left = null;
        table = null;
        integers = null;
        return null;
    }

    private Object[] nextUnmatchedRight() {
        if (unmatched == null) {
            table = null;
            integers = null;
            return null;
        }
        while (true) {
            while (unmatchedInChain != null) {
                Entry e = unmatchedInChain;
                unmatchedInChain = e.next;
                if (!e.matched) {
                    return e.row;
                }
            }
            if (!unmatched.hasNext()) {
                unmatched = null;
                table = null;
                integers = null;
                return null;
            }
            unmatchedInChain = unmatched.next();
        }
    }

    /** The build rows whose key equals the key of left row {@code row}, or null (also for a NULL key). */
    private Entry probe(Object[] row) {
        if (integers != null && leftColumn >= 0 && LongKeyMap.integral(row[leftColumn])) {
            return integers.get(((Number) row[leftColumn]).longValue());
        }
        Object[] key = keys(leftKeys, row);
        return key == null ? null : lookup(key);
    }

    /** The build rows whose key equals {@code key}, or null. */
    private Entry lookup(Object[] key) {
        if (integers != null) {
            Object k = key[0];
            if (LongKeyMap.integral(k)) {
                return integers.get(((Number) k).longValue());
            }
            if (k != null) {
                generic();   // a key of another type: compared as SQL does, through GroupKey
            }
        }
        return table.get(new GroupKey(key));
    }

    private void insert(Object[] key, Entry rows) {
        if (integers != null) {
            if (LongKeyMap.integral(key[0])) {
                integers.put(((Number) key[0]).longValue(), rows);
                return;
            }
            generic();
        }
        table.put(new GroupKey(key), rows);
    }

    /**
     * Moves the integer-keyed table into {@link #table}, which holds every key from now on. Before
     * a spill, or when a probe key is of another type than the build keys (a join of an integer
     * column with a numeric one, whose general table is then not counted against work_mem).
     */
    private void generic() {
        if (integers != null) {
            LongKeyMap<Entry> moved = integers;
            integers = null;
            moved.forEach((k, rows) -> table.put(new GroupKey(new Object[]{k}), rows));
        }
    }

    /** The key values of {@code row}, or null when one is NULL (it can equal nothing). */
    private Object[] keys(BoundExpr[] exprs, Object[] row) {
        return keys(exprs, row, false);
    }

    private Object[] keys(BoundExpr[] exprs, Object[] row, boolean withNulls) {
        Object[] key = new Object[exprs.length];
        for (int i = 0; i < key.length; i++) {
            key[i] = exprs[i].eval(row, ctx);
            if (key[i] == null && !withNulls) {
                return null;
            }
        }
        return key;
    }

    private static void closePair(HashPartitions.Partition[] pair) {
        for (HashPartitions.Partition p : pair) {
            if (p != null) {
                p.file().close();
            }
        }
    }

    private void closeAfterFailure(Throwable e) {
        if (currentPair != null) {
            for (HashPartitions.Partition p : currentPair) {
                if (p != null) {
                    SpillFiles.closeAfterFailure(p.file(), e);
                }
            }
            currentPair = null;
        }
        if (pairs != null) {
            for (HashPartitions.Partition[] pair : pairs) {
                for (HashPartitions.Partition p : pair) {
                    if (p != null) {
                        SpillFiles.closeAfterFailure(p.file(), e);
                    }
                }
            }
            pairs.clear();
        }
        table = null;
        integers = null;
        left = null;
        right = null;
    }
}
