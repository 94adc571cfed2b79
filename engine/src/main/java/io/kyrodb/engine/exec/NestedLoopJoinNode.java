package io.kyrodb.engine.exec;

import io.kyrodb.engine.expr.BoundExpr;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Every pair of a left and a right row for which {@code condition} (null: none, a cross join) is
 * TRUE; for LEFT and FULL joins, rows of a preserved side that matched nothing, extended with
 * NULLs. The right input is read once, kept in memory while it fits in work_mem and otherwise
 * written to a spill file that is read again for each left row; a FULL join remembers which right
 * rows matched in a bit set (one bit a row), then reads them once more for the unmatched ones.
 * The planner turns a RIGHT join into a LEFT one by swapping the inputs. Rows are in
 * {@link JoinRows}' layout; {@code rightSlots} are the slots the right input fills.
 */
public record NestedLoopJoinNode(PlanNode left, PlanNode right, JoinType type, BoundExpr condition,
                                 int[] rightSlots, String filter) implements PlanNode {
    public NestedLoopJoinNode {
        if (type == JoinType.RIGHT) {
            throw new IllegalArgumentException("a nested loop runs a RIGHT join as a LEFT join with its inputs swapped");
        }
    }

    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator l = ctx.open(left);
        Inner inner = Inner.read(ctx, ctx.open(right));
        BitSet matched = type.preservesRight() ? new BitSet() : null;
        return new RowIterator() {
            Object[] current;
            boolean currentMatched;
            RowIterator pass;
            int ordinal;
            boolean leftDone;

            @Override
            public Object[] next() {
                while (true) {
                    ctx.checkCancel();
                    if (pass != null) {
                        for (Object[] r; (r = pass.next()) != null; ) {
                            int i = ordinal++;
                            if (leftDone) {
                                if (!matched.get(i)) {
                                    return r;
                                }
                                continue;
                            }
                            Object[] joined = JoinRows.merge(current, r, rightSlots);
                            if (condition == null || Boolean.TRUE.equals(condition.eval(joined, ctx))) {
                                currentMatched = true;
                                if (matched != null) {
                                    matched.set(i);
                                }
                                return joined;
                            }
                        }
                        pass = null;
                        if (leftDone) {
                            inner.close();
                            return null;
                        }
                        if (!currentMatched && type.preservesLeft()) {
                            return current;
                        }
                    }
                    if (leftDone) {
                        inner.close();
                        return null;
                    }
                    current = l.next();
                    if (current == null) {
                        leftDone = true;
                        if (matched == null) {
                            inner.close();
                            return null;
                        }
                    }
                    currentMatched = false;
                    ordinal = 0;
                    pass = inner.rows();
                }
            }
        };
    }

    /** The right input, read once: in memory, or in a spill file past work_mem. */
    private record Inner(List<Object[]> kept, SpillFile spill, long end, int buffer) {
        static Inner read(ExecContext ctx, RowIterator r) {
            long budget = WorkMem.budget(ctx);
            int buffer = WorkMem.ioBufferSize(budget);
            List<Object[]> rows = new ArrayList<>();
            long bytes = 0;
            SpillFile spill = null;
            SpillCodec.Writer writer = null;
            try {
                for (Object[] row; (row = r.next()) != null; ) {
                    ctx.checkCancel();
                    if (writer != null) {
                        writer.write(row);
                        continue;
                    }
                    rows.add(row);
                    bytes += MemoryEstimate.row(row) + MemoryEstimate.REFERENCE;
                    if (bytes > budget) {
                        spill = ctx.spills().create("nestloop");
                        writer = spill.writer(buffer);
                        for (Object[] kept : rows) {
                            writer.write(kept);
                        }
                        rows.clear();
                    }
                }
                if (writer != null) {
                    writer.flush();
                }
            } catch (RuntimeException | Error e) {
                SpillFiles.closeAfterFailure(spill, e);
                throw e;
            }
            return new Inner(rows, spill, writer == null ? 0 : writer.position(), buffer);
        }

        RowIterator rows() {
            if (spill == null) {
                var it = kept.iterator();
                return () -> it.hasNext() ? it.next() : null;
            }
            SpillCodec.Reader reader = spill.reader(SpillCodec.HEADER_SIZE, end, buffer);
            return reader::next;
        }

        void close() {
            if (spill != null) {
                spill.close();
            }
        }
    }

    @Override
    public String describe() {
        return "Nested Loop" + type.explainSuffix() + (type == JoinType.INNER ? "" : " Join");
    }

    @Override
    public List<String> details() {
        return filter == null ? List.of() : List.of("Join Filter: " + filter);
    }

    @Override
    public List<BoundExpr> expressions() {
        return condition == null ? List.of() : List.of(condition);
    }

    @Override
    public List<PlanNode> children() {
        return List.of(left, right);
    }
}
