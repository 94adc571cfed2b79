package io.kyrodb.engine.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops rows equal (by SQL value, NULLs equal) to an earlier row, within {@code work_mem}: rows
 * are passed on as they first appear while the set of rows seen fits; past it, rows not in the set
 * are split into {@link HashPartitions} by hash, and each partition is deduplicated the same way
 * once the input ends. Output order is first appearance until the set fills up.
 */
public record DistinctNode(PlanNode child) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        return new HashDistinct(ctx, ctx.open(child));
    }

    @Override
    public String describe() {
        return "Unique";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(child);
    }

    /** One execution. */
    private static final class HashDistinct implements RowIterator {
        private final ExecContext ctx;
        private final long budget;
        private final int bufferSize;
        private final Deque<HashPartitions.Partition> pending = new ArrayDeque<>();
        private RowIterator input;
        // The pass being read: the child's rows (depth 0) or one partition's.
        private Set<GroupKey> seen = new HashSet<>();
        private long bytes;
        private int depth;
        private HashPartitions overflow;
        private HashPartitions.Partition reading;

        HashDistinct(ExecContext ctx, RowIterator input) {
            this.ctx = ctx;
            this.input = input;
            this.budget = WorkMem.budget(ctx);
            this.bufferSize = WorkMem.ioBufferSize(budget);
        }

        @Override
        public Object[] next() {
            try {
                while (true) {
                    Object[] row = input.next();
                    if (row == null) {
                        if (!nextPass()) {
                            return null;
                        }
                        continue;
                    }
                    ctx.checkCancel();
                    GroupKey k = new GroupKey(row);
                    if (seen.contains(k)) {
                        continue;
                    }
                    if (overflow == null && bytes <= budget) {
                        seen.add(k);
                        bytes += MemoryEstimate.HASH_ENTRY + MemoryEstimate.SMALL_OBJECT + MemoryEstimate.row(row);
                        return row;
                    }
                    if (overflow == null) {
                        if (!HashPartitions.canSplit(depth)) {
                            throw WorkMem.exceeded(ctx, "DISTINCT, after splitting its rows "
                                    + HashPartitions.MAX_DEPTH + " times (values that hash alike?),",
                                    "select columns with more distinct values");
                        }
                        overflow = new HashPartitions(ctx, "distinct", depth);
                    }
                    overflow.add(k.hashCode(), row);
                }
            } catch (RuntimeException | Error e) {
                closeAfterFailure(e);
                throw e;
            }
        }

        /** Ends the pass; starts reading the next partition, or returns false when none is left. */
        private boolean nextPass() {
            if (reading != null) {
                HashPartitions.Partition done = reading;
                reading = null;
                done.file().close();
            }
            if (overflow != null) {
                List<HashPartitions.Partition> parts = overflow.finish();
                overflow = null;
                for (int i = parts.size() - 1; i >= 0; i--) {
                    pending.push(parts.get(i));
                }
            }
            seen = new HashSet<>();
            bytes = 0;
            if (pending.isEmpty()) {
                input = () -> null;
                return false;
            }
            reading = pending.pop();
            depth = reading.depth();
            input = reading.reader(bufferSize)::next;
            return true;
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
            seen = new HashSet<>();
            input = () -> null;
        }
    }
}
