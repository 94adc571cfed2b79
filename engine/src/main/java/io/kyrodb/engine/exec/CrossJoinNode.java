package io.kyrodb.engine.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * Every pair of a left and a right row, concatenated. The right side is read once: kept in memory
 * while it fits in work_mem, otherwise written to a spill file that is read again for each left row.
 */
public record CrossJoinNode(PlanNode left, PlanNode right) implements PlanNode {
    @Override
    public RowIterator open(ExecContext ctx) {
        RowIterator l = left.open(ctx);
        long budget = WorkMem.budget(ctx);
        List<Object[]> rights = new ArrayList<>();
        long bytes = 0;
        SpillFile spill = null;
        SpillCodec.Writer writer = null;
        int buffer = WorkMem.ioBufferSize(budget);
        RowIterator r = right.open(ctx);
        try {
            for (Object[] row; (row = r.next()) != null; ) {
                ctx.checkCancel();
                if (writer != null) {
                    writer.write(row);
                    continue;
                }
                rights.add(row);
                bytes += MemoryEstimate.row(row) + MemoryEstimate.REFERENCE;
                if (bytes > budget) {
                    spill = ctx.spills().create("join");
                    spill.writeHeader();
                    writer = spill.writer(buffer);
                    for (Object[] kept : rights) {
                        writer.write(kept);
                    }
                    rights.clear();
                }
            }
            if (writer != null) {
                writer.flush();
            }
        } catch (RuntimeException e) {
            if (spill != null) {
                SpillFiles.closeAfterFailure(spill, e);
            }
            throw e;
        }
        return spill == null ? inMemory(ctx, l, rights) : spilled(ctx, l, spill, writer.position(), buffer);
    }

    private static Object[] concat(Object[] a, Object[] b) {
        Object[] out = new Object[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static RowIterator inMemory(ExecContext ctx, RowIterator l, List<Object[]> rights) {
        return new RowIterator() {
            Object[] current;
            int i = rights.size();

            @Override
            public Object[] next() {
                ctx.checkCancel();
                while (i >= rights.size()) {
                    current = l.next();
                    if (current == null || rights.isEmpty()) {
                        return null;
                    }
                    i = 0;
                }
                return concat(current, rights.get(i++));
            }
        };
    }

    private static RowIterator spilled(ExecContext ctx, RowIterator l, SpillFile spill, long end, int buffer) {
        return new RowIterator() {
            Object[] current;
            SpillCodec.Reader reader;

            @Override
            public Object[] next() {
                ctx.checkCancel();
                while (true) {
                    if (reader != null) {
                        Object[] r = reader.next();
                        if (r != null) {
                            return concat(current, r);
                        }
                    }
                    current = l.next();
                    if (current == null) {
                        spill.close();
                        return null;
                    }
                    reader = spill.reader(SpillCodec.HEADER_SIZE, end, buffer);
                }
            }
        };
    }

    @Override
    public String describe() {
        return "Nested Loop";
    }

    @Override
    public List<PlanNode> children() {
        return List.of(left, right);
    }
}
