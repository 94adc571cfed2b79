package io.kyrodb.engine.exec;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One execution of a {@link GroupedLookupFilterNode} within {@code work_mem}. The subquery's
 * groups are read into a hash table while it fits; past work_mem both sides are split by the hash
 * of the correlation key into {@link HashPartitions} (groups and input rows of one key land in
 * partitions of the same number), and each pair is then looked up on its own, a pair whose groups
 * still do not fit split again (as a hash join's partitions are). Rows whose key has a NULL find
 * nothing and are filtered at once. Output order is the input's while nothing spills, unspecified
 * after that, as SQL allows. 53200 only when a partition's groups still do not fit after
 * {@link HashPartitions#MAX_DEPTH} splits.
 */
final class GroupedLookupExecution implements RowIterator {
    /** A pair of partitions still to process: groups and input rows of the same keys. */
    private record Pair(HashPartitions.Partition groups, HashPartitions.Partition input) {
    }

    private final GroupedLookupFilterNode node;
    private final ExecContext ctx;
    private final long budget;
    private final int bufferSize;
    private final int width;
    private final Deque<Pair> pending = new ArrayDeque<>();
    private Map<GroupKey, Object> table;
    /** The rows being filtered against {@link #table}: the input, or one partition's rows. */
    private RowIterator rows;
    private Pair reading;

    GroupedLookupExecution(GroupedLookupFilterNode node, ExecContext ctx) {
        this.node = node;
        this.ctx = ctx;
        this.budget = WorkMem.budget(ctx);
        this.bufferSize = WorkMem.ioBufferSize(budget);
        this.width = node.keys().size();
        try {
            start();
        } catch (RuntimeException | Error e) {
            closeAfterFailure(e);
            throw e;
        }
    }

    private void start() {
        RowIterator groups = ctx.open(node.groups());
        Map<GroupKey, Object> found = new HashMap<>();
        long bytes = 0;
        for (Object[] row; (row = groups.next()) != null; ) {
            ctx.checkCancel();
            found.put(new GroupKey(Arrays.copyOf(row, width)), row[width]);
            bytes += MemoryEstimate.HASH_ENTRY + MemoryEstimate.row(row);
            if (bytes > budget) {
                splitAll(found, groups);
                return;
            }
        }
        table = found;
        rows = ctx.open(node.input());
    }

    /** Splits the groups read so far, the rest of them and the whole input, by key hash. */
    private void splitAll(Map<GroupKey, Object> found, RowIterator groups) {
        HashPartitions groupParts = new HashPartitions(ctx, "lookup", 0);
        HashPartitions inputParts = new HashPartitions(ctx, "lookup", 0);
        try {
            for (Map.Entry<GroupKey, Object> e : found.entrySet()) {
                Object[] row = Arrays.copyOf(e.getKey().values(), width + 1);
                row[width] = e.getValue();
                groupParts.add(e.getKey().hashCode(), row);
            }
            found.clear();
            for (Object[] row; (row = groups.next()) != null; ) {
                ctx.checkCancel();
                groupParts.add(new GroupKey(Arrays.copyOf(row, width)).hashCode(), row);
            }
            RowIterator in = ctx.open(node.input());
            java.util.List<Object[]> nullKeys = new java.util.ArrayList<>();
            for (Object[] row; (row = in.next()) != null; ) {
                ctx.checkCancel();
                Object[] key = key(row);
                if (key == null) {
                    if (passes(row, node.missing())) {
                        inputParts.add(0, row);   // kept: filtered again (with no key) when read back
                    }
                } else {
                    inputParts.add(new GroupKey(key).hashCode(), row);
                }
            }
            pairUp(groupParts.finishByIndex(), inputParts.finishByIndex());
        } catch (RuntimeException | Error e) {
            groupParts.closeAfterFailure(e);
            inputParts.closeAfterFailure(e);
            throw e;
        }
        table = Map.of();
        rows = () -> null;
    }

    private void pairUp(List<HashPartitions.Partition> groups, List<HashPartitions.Partition> input) {
        for (int p = 0; p < groups.size(); p++) {
            HashPartitions.Partition g = groups.get(p);
            HashPartitions.Partition i = input.get(p);
            if (i == null) {
                if (g != null) {
                    g.file().close();   // groups no input row looks up
                }
                continue;
            }
            pending.push(new Pair(g, i));
        }
    }

    /** The row's correlation key, or null when a part of it is NULL (it finds nothing). */
    private Object[] key(Object[] row) {
        Object[] key = new Object[width];
        for (int i = 0; i < width; i++) {
            key[i] = node.keys().get(i).eval(row, ctx);
            if (key[i] == null) {
                return null;
            }
        }
        return key;
    }

    private boolean passes(Object[] row, Object value) {
        Object[] extended = Arrays.copyOf(row, Math.max(row.length, node.slot() + 1));
        extended[node.slot()] = value;
        return Boolean.TRUE.equals(node.predicate().eval(extended, ctx));
    }

    @Override
    public Object[] next() {
        try {
            while (true) {
                for (Object[] row; (row = rows.next()) != null; ) {
                    ctx.checkCancel();
                    Object[] key = key(row);
                    Object value = key == null ? node.missing() : table.getOrDefault(new GroupKey(key), node.missing());
                    if (passes(row, value)) {
                        return row;
                    }
                }
                finishReading();
                if (pending.isEmpty()) {
                    return null;
                }
                load(pending.pop());
            }
        } catch (RuntimeException | Error e) {
            closeAfterFailure(e);
            throw e;
        }
    }

    /** Reads a pair's groups into the table (splitting the pair again if they do not fit). */
    private void load(Pair pair) {
        Map<GroupKey, Object> found = new HashMap<>();
        if (pair.groups() != null) {
            SpillCodec.Reader reader = pair.groups().reader(bufferSize);
            long bytes = 0;
            for (Object[] row; (row = reader.next()) != null; ) {
                ctx.checkCancel();
                found.put(new GroupKey(Arrays.copyOf(row, width)), row[width]);
                bytes += MemoryEstimate.HASH_ENTRY + MemoryEstimate.row(row);
                if (bytes > budget) {
                    split(pair);
                    table = Map.of();
                    rows = () -> null;
                    return;
                }
            }
            pair.groups().file().close();
        }
        table = found;
        reading = pair;
        SpillCodec.Reader input = pair.input().reader(bufferSize);
        rows = input::next;
    }

    private void split(Pair pair) {
        int depth = pair.groups().depth();
        if (!HashPartitions.canSplit(depth)) {
            throw WorkMem.exceeded(ctx, "a decorrelated subquery's groups, after splitting them "
                    + HashPartitions.MAX_DEPTH + " times (values that hash alike?),", "SET enable_decorrelation = off");
        }
        HashPartitions groupParts = new HashPartitions(ctx, "lookup", depth);
        HashPartitions inputParts = new HashPartitions(ctx, "lookup", depth);
        try {
            SpillCodec.Reader g = pair.groups().reader(bufferSize);
            for (Object[] row; (row = g.next()) != null; ) {
                groupParts.add(new GroupKey(Arrays.copyOf(row, width)).hashCode(), row);
            }
            SpillCodec.Reader in = pair.input().reader(bufferSize);
            for (Object[] row; (row = in.next()) != null; ) {
                ctx.checkCancel();
                Object[] key = key(row);
                inputParts.add(key == null ? 0 : new GroupKey(key).hashCode(), row);
            }
            pair.groups().file().close();
            pair.input().file().close();
            pairUp(groupParts.finishByIndex(), inputParts.finishByIndex());
        } catch (RuntimeException | Error e) {
            groupParts.closeAfterFailure(e);
            inputParts.closeAfterFailure(e);
            throw e;
        }
    }

    private void finishReading() {
        if (reading != null) {
            reading.input().file().close();
            reading = null;
        }
    }

    private void closeAfterFailure(Throwable e) {
        if (reading != null) {
            SpillFiles.closeAfterFailure(reading.input().file(), e);
            reading = null;
        }
        while (!pending.isEmpty()) {
            Pair p = pending.pop();
            if (p.groups() != null) {
                SpillFiles.closeAfterFailure(p.groups().file(), e);
            }
            SpillFiles.closeAfterFailure(p.input().file(), e);
        }
        table = Map.of();
        rows = () -> null;
    }
}
