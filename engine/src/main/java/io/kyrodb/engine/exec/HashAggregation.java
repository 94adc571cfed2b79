package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;
import io.kyrodb.engine.expr.ColumnExpr;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One execution of an {@link AggregateNode} within {@code work_mem} (Postgres 13's spilling hash
 * aggregation). Groups are kept in a hash table while its estimated size stays within work_mem.
 * Past it the pass stops taking new groups: rows of groups already in the table are still
 * aggregated there, rows of other groups go to {@link HashPartitions} by the hash of their group.
 * A group whose DISTINCT value sets grow the table past work_mem is evicted: its state goes to its
 * partition too, to be merged with its remaining rows later. When the input ends the table's
 * groups are emitted and each partition is aggregated the same way, one at a time.
 *
 * <p>A group whose DISTINCT values alone pass work_mem keeps them in spill files instead
 * ({@link Accumulator#spillDistinct}), sorted and deduplicated when its result is computed.
 * 53200 only for what no split can fix: other values of one group above work_mem (array_agg,
 * string_agg), or
 * groups whose hashes still collide after {@link HashPartitions#MAX_DEPTH} splits. Output order is
 * first appearance while nothing spills; after that it is unspecified, as SQL allows.
 *
 * <p>Partition rows are {@code ROW, key..., argument...} for an input row, or
 * {@code STATE, key..., state of each aggregate} ({@link Accumulator#writeState}) for an evicted
 * group.
 */
final class HashAggregation implements RowIterator {
    /** The key of every row of an aggregation without GROUP BY: one group. */
    private static final Object[] NO_GROUPS = new Object[0];

    private static final Integer ROW = 0;
    private static final Integer STATE = 1;

    /** A group's accumulators and its estimated size in the table. */
    private static final class Group {
        final Accumulator[] accumulators;
        long bytes;

        Group(Accumulator[] accumulators) {
            this.accumulators = accumulators;
        }
    }

    /** Rows a batch of {@link #aggregateByColumn}: enough reads in flight, few enough rows held. */
    static final int BATCH = 256;

    private final ExecContext ctx;
    private final BoundExpr[] groups;
    private final AggregateCall[] aggregates;
    private final long budget;
    private final int bufferSize;
    /** Partitions still to aggregate; the most recently split first, to keep few files open. */
    private final Deque<HashPartitions.Partition> pending = new ArrayDeque<>();
    private RowIterator input;
    private Iterator<Map.Entry<GroupKey, Group>> output = Collections.emptyIterator();

    // The pass being aggregated.
    private Map<GroupKey, Group> table;
    /**
     * With one GROUP BY expression, the groups of {@link #table} by their key's {@code long} value
     * while every key so far is a whole number of an integer type ({@link LongKeyMap#integral}):
     * a row of an existing group is then found without a {@link GroupKey}. Dropped (null) for the
     * rest of the pass at the first key of another type, which {@link #table} alone compares.
     */
    private LongKeyMap<Group> integers;
    /** Without GROUP BY expressions, the one group of the pass once there is one. */
    private Group only;
    private long bytes;
    private int depth;
    private boolean spilling;
    private HashPartitions overflow;
    private HashPartitions.Partition reading;

    // Statistics (tests).
    private int evictions;
    private int deepestPass;

    HashAggregation(ExecContext ctx, RowIterator input, List<BoundExpr> groups, List<AggregateCall> aggregates) {
        this.ctx = ctx;
        this.input = input;
        this.groups = groups.toArray(BoundExpr[]::new);
        this.aggregates = aggregates.toArray(AggregateCall[]::new);
        this.budget = WorkMem.budget(ctx);
        this.bufferSize = WorkMem.ioBufferSize(budget);
    }

    @Override
    public Object[] next() {
        try {
            while (!output.hasNext()) {
                if (input != null) {
                    aggregateInput();
                } else if (!pending.isEmpty()) {
                    aggregatePartition(pending.pop());
                } else {
                    table = null;
                    return null;
                }
            }
            Map.Entry<GroupKey, Group> e = output.next();
            Object[] key = e.getKey().values();
            Object[] row = Arrays.copyOf(key, key.length + aggregates.length);
            for (int i = 0; i < aggregates.length; i++) {
                row[key.length + i] = e.getValue().accumulators[i].result();
            }
            return row;
        } catch (RuntimeException | Error e) {
            closeAfterFailure(e);
            throw e;
        }
    }

    private void aggregateInput() {
        startPass(0);
        Object[] args = new Object[aggregates.length];
        if (groups.length == 1 && groups[0] instanceof ColumnExpr column) {
            aggregateByColumn(column.index(), args);
        } else {
            for (Object[] row; (row = input.next()) != null; ) {
                ctx.checkCancel();
                Object[] key = groups.length == 0 ? NO_GROUPS : new Object[groups.length];   // a key is never changed
                for (int i = 0; i < key.length; i++) {
                    key[i] = groups[i].eval(row, ctx);
                }
                addRow(key, arguments(row, args));
            }
        }
        input = null;
        if (table.isEmpty() && groups.length == 0) {
            table.put(new GroupKey(new Object[0]), newGroup());
        }
        endPass();
    }

    /**
     * The input of a GROUP BY on one column, {@link #BATCH} rows at a time. A batch first looks up
     * every row's group by its key in {@link #integers}, the rows independent of each other, so
     * that the processor's reads for many rows (the key's value, the index's slot, the group) are
     * in flight at once; a row at a time, each row waits for its own reads, one after the other,
     * and with groups beyond the processor's caches those waits are most of the time. Then it adds
     * the rows in order: to the group found, unless a group has been evicted since (the group
     * found may be gone: {@link #find} asks again), as {@link #addRow} does.
     */
    private void aggregateByColumn(int column, Object[] args) {
        Object[][] rows = new Object[BATCH][];
        Group[] found = new Group[BATCH];
        int n;
        do {
            n = 0;
            for (Object[] row; n < BATCH && (row = input.next()) != null; n++) {
                ctx.checkCancel();
                rows[n] = row;
            }
            LongKeyMap<Group> index = integers;
            if (index != null) {
                for (int r = 0; r < n; r++) {
                    Object v = rows[r][column];
                    found[r] = LongKeyMap.integral(v) ? index.get(((Number) v).longValue()) : null;
                }
            }
            int evicted = evictions;
            for (int r = 0; r < n; r++) {
                Object[] row = rows[r];
                Object[] key = {row[column]};
                Group g = found[r];
                addRow(g != null && evictions == evicted ? g : find(key), key, arguments(row, args));
                rows[r] = null;
                found[r] = null;
            }
        } while (n == BATCH);
    }

    /** The aggregates' arguments for {@code row}, in {@code args} (a NULL for COUNT(*)). */
    private Object[] arguments(Object[] row, Object[] args) {
        for (int i = 0; i < args.length; i++) {
            BoundExpr arg = aggregates[i].argument();
            args[i] = arg == null ? null : arg.eval(row, ctx);
        }
        return args;
    }

    private void aggregatePartition(HashPartitions.Partition p) {
        reading = p;
        startPass(p.depth());
        SpillCodec.Reader reader = p.reader(bufferSize);
        Object[] args = new Object[aggregates.length];
        for (Object[] row; (row = reader.next()) != null; ) {
            ctx.checkCancel();
            Object[] key = Arrays.copyOfRange(row, 1, 1 + groups.length);
            if (ROW.equals(row[0])) {
                System.arraycopy(row, 1 + groups.length, args, 0, args.length);
                addRow(key, args);
            } else {
                addState(key, row);
            }
        }
        reading = null;
        p.file().close();
        endPass();
    }

    /** Groups evicted so far because DISTINCT values grew the table past work_mem. */
    int evictions() {
        return evictions;
    }

    /** The deepest partition aggregated so far (0: nothing spilled, or not yet read back). */
    int deepestPass() {
        return deepestPass;
    }

    private void startPass(int depth) {
        this.deepestPass = Math.max(deepestPass, depth);
        this.table = new LinkedHashMap<>();
        this.integers = groups.length == 1 ? new LongKeyMap<>() : null;
        this.only = null;
        this.bytes = 0;
        this.depth = depth;
        this.spilling = false;
        this.overflow = null;
    }

    private void endPass() {
        if (overflow != null) {
            List<HashPartitions.Partition> parts = overflow.finish();
            overflow = null;
            for (int i = parts.size() - 1; i >= 0; i--) {
                pending.push(parts.get(i));
            }
        }
        output = table.entrySet().iterator();
    }

    private void addRow(Object[] key, Object[] args) {
        addRow(find(key), key, args);
    }

    /** Adds a row to {@code g}, its key's group as {@link #find} gives it (null: not found there). */
    private void addRow(Group g, Object[] key, Object[] args) {
        GroupKey k = null;
        if (g == null) {
            k = new GroupKey(key);
            g = group(k);
        }
        if (g == null) {
            Object[] spilled = new Object[1 + key.length + args.length];
            spilled[0] = ROW;
            System.arraycopy(key, 0, spilled, 1, key.length);
            System.arraycopy(args, 0, spilled, 1 + key.length, args.length);
            spill(k, spilled);
            return;
        }
        long grown = 0;
        for (int i = 0; i < args.length; i++) {
            grown += g.accumulators[i].add(args[i]);
        }
        if (grown != 0) {
            grew(k != null ? k : new GroupKey(key), g, grown);
        }
    }

    /** The group of {@code key} in the table when the integer or single-group index finds it, else null. */
    private Group find(Object[] key) {
        if (key.length == 0) {
            return only;
        }
        if (integers != null) {
            Object v = key[0];
            if (LongKeyMap.integral(v)) {
                return integers.get(((Number) v).longValue());
            }
            integers = null;   // a NULL or another type: the table compares it
        }
        return null;
    }

    private void addState(Object[] key, Object[] row) {
        GroupKey k = new GroupKey(key);
        Group g = group(k);
        if (g == null) {
            spill(k, row);
            return;
        }
        long[] grown = {0};
        int offset = 1 + key.length;
        for (Accumulator a : g.accumulators) {
            offset = a.mergeState(row, offset, grown);
        }
        grew(k, g, grown[0]);
    }

    /** The group of {@code k} in the table, added if the table may still grow; null: spill the row. */
    private Group group(GroupKey k) {
        Group g = table.get(k);
        if (g != null || spilling) {
            return g;
        }
        if (bytes > budget) {
            spilling = true;
            return null;
        }
        g = newGroup();
        g.bytes = MemoryEstimate.HASH_ENTRY + MemoryEstimate.SMALL_OBJECT + MemoryEstimate.row(k.values())
                + MemoryEstimate.array(g.accumulators.length);
        for (Accumulator a : g.accumulators) {
            g.bytes += a.initialSize();
        }
        bytes += g.bytes;
        table.put(k, g);
        index(k, g, true);
        return g;
    }

    /** Adds ({@code add}) or removes a group of the table in the indexes {@link #find} reads. */
    private void index(GroupKey k, Group g, boolean add) {
        Object[] key = k.values();
        if (key.length == 0) {
            only = add ? g : null;
        } else if (integers != null) {
            if (!LongKeyMap.integral(key[0])) {
                integers = null;
            } else if (add) {
                integers.put(((Number) key[0]).longValue(), g);
                g.bytes += LongKeyMap.ENTRY_BYTES;
                bytes += LongKeyMap.ENTRY_BYTES;
            } else {
                integers.remove(((Number) key[0]).longValue());
            }
        }
    }

    /** Accounts a group's growth (DISTINCT values); evicts it if the table is now too large. */
    private void grew(GroupKey k, Group g, long grown) {
        if (grown == 0) {
            return;
        }
        g.bytes += grown;
        bytes += grown;
        if (bytes <= budget) {
            return;
        }
        if (g.bytes > budget) {
            // one group past work_mem: its DISTINCT values go to spill files, sorted for the result
            long freed = 0;
            for (Accumulator a : g.accumulators) {
                freed += a.spillDistinct(ctx);
            }
            if (freed == 0) {
                throw WorkMem.exceeded(ctx, "the aggregate values of group " + k + " (about "
                        + WorkMem.formatRounded(g.bytes) + ")", "aggregate fewer values per group");
            }
            g.bytes -= freed;
            bytes -= freed;
            return;
        }
        table.remove(k);
        index(k, g, false);
        bytes -= g.bytes;
        evictions++;
        spilling = true;
        List<Object> state = new ArrayList<>();
        state.add(STATE);
        state.addAll(Arrays.asList(k.values()));
        for (Accumulator a : g.accumulators) {
            a.writeState(state);
        }
        spill(k, state.toArray());
    }

    private void spill(GroupKey k, Object[] row) {
        if (overflow == null) {
            if (!HashPartitions.canSplit(depth)) {
                throw WorkMem.exceeded(ctx, "GROUP BY, after splitting its groups " + HashPartitions.MAX_DEPTH
                        + " times (values that hash alike?),", "group by columns with more distinct values");
            }
            overflow = new HashPartitions(ctx, "aggregate", depth);
        }
        overflow.add(k.hashCode(), row);
    }

    private Group newGroup() {
        Accumulator[] accs = new Accumulator[aggregates.length];
        for (int i = 0; i < accs.length; i++) {
            accs[i] = aggregates[i].newAccumulator();
        }
        return new Group(accs);
    }

    private void closeAfterFailure(Throwable e) {
        if (overflow != null) {
            overflow.closeAfterFailure(e);
            overflow = null;
        }
        if (reading != null) {
            SpillFiles.closeAfterFailure(reading.file(), e);
            reading = null;
        }
        while (!pending.isEmpty()) {
            SpillFiles.closeAfterFailure(pending.pop().file(), e);
        }
        table = null;
        output = Collections.emptyIterator();
        input = null;
    }
}
