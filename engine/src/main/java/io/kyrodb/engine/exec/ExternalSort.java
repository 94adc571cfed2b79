package io.kyrodb.engine.exec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/**
 * Sorts a row stream within {@code work_mem}, stably (rows that compare equal keep their input
 * order). Rows are buffered while their {@linkplain MemoryEstimate estimated} size stays within
 * work_mem ({@link WorkMem#budget}), and sorted in memory if the input ends there. Past it, each buffer-full is sorted and
 * written as a run to a spill file, and the runs are merged with a heap, at most
 * {@link WorkMem#mergeFanIn} at a time: while there are more, groups of consecutive runs are
 * merged into one run of a new file (a pass), and the old file is deleted.
 *
 * <p>Stability: runs hold consecutive stretches of the input in order, each sorted stably; a merge
 * breaks ties in favour of the earlier run, and merging consecutive groups keeps the runs' order.
 */
final class ExternalSort {
    /** A run: the rows between two offsets of the current spill file. */
    record Run(long start, long end) {
    }

    private final ExecContext ctx;
    private final Comparator<Object[]> order;
    private final long budget;
    private final int bufferSize;
    private final int fanIn;
    /** The spill file holding the current runs; null until the first run is written. */
    private SpillFile file;

    private ExternalSort(ExecContext ctx, Comparator<Object[]> order) {
        this.ctx = ctx;
        this.order = order;
        this.budget = WorkMem.budget(ctx);
        this.bufferSize = WorkMem.ioBufferSize(budget);
        this.fanIn = WorkMem.mergeFanIn(budget);
    }

    /** Reads all of {@code in} and returns its rows in {@code order}. */
    static RowIterator sort(RowIterator in, Comparator<Object[]> order, ExecContext ctx) {
        return new ExternalSort(ctx, order).run(in, null);
    }

    /** Sorts for {@code node}, which EXPLAIN ANALYZE then shows with its Sort Method. */
    static RowIterator sort(RowIterator in, Comparator<Object[]> order, ExecContext ctx, PlanNode node) {
        return new ExternalSort(ctx, order).run(in, node);
    }

    private RowIterator run(RowIterator in, PlanNode node) {
        List<Object[]> rows = new ArrayList<>();
        long bytes = 0;
        long held = 0;
        try {
            SpillCodec.Writer writer = null;
            List<Run> runs = new ArrayList<>();
            for (Object[] row; (row = in.next()) != null; ) {
                ctx.checkCancel();
                rows.add(row);
                bytes += MemoryEstimate.row(row) + MemoryEstimate.REFERENCE;
                held = Math.max(held, bytes);
                if (bytes > budget) {
                    if (file == null) {
                        file = ctx.spills().create("sort");
                        writer = file.writer(bufferSize);
                    }
                    runs.add(writeRun(rows, writer));
                    bytes = 0;
                }
            }
            if (file == null) {
                if (node != null) {
                    ctx.sorted(node, "quicksort", false, held);
                }
                rows.sort(order);
                Iterator<Object[]> it = rows.iterator();
                return () -> it.hasNext() ? it.next() : null;
            }
            if (!rows.isEmpty()) {
                runs.add(writeRun(rows, writer));
            }
            writer.flush();
            if (node != null) {
                ctx.sorted(node, "external merge", true, writer.position());
            }
            while (runs.size() > fanIn) {
                runs = mergePass(runs);
            }
            return finalMerge(runs);
        } catch (RuntimeException | Error e) {
            SpillFiles.closeAfterFailure(file, e);
            throw e;
        }
    }

    /** Sorts the buffered rows, appends them as one run and empties the buffer. */
    private Run writeRun(List<Object[]> rows, SpillCodec.Writer writer) {
        rows.sort(order);
        long start = writer.position();
        int n = 0;
        for (Object[] row : rows) {
            if ((++n & 1023) == 0) {
                ctx.checkCancel();
            }
            writer.write(row);
        }
        rows.clear();
        return new Run(start, writer.position());
    }

    /**
     * Merges each group of {@code fanIn} consecutive runs of {@link #file} into one run of a new
     * file, which replaces it; the old file is deleted.
     */
    private List<Run> mergePass(List<Run> runs) {
        SpillFile next = ctx.spills().create("sort");
        try {
            SpillCodec.Writer writer = next.writer(bufferSize);
            List<Run> merged = new ArrayList<>((runs.size() + fanIn - 1) / fanIn);
            for (int i = 0; i < runs.size(); i += fanIn) {
                long start = writer.position();
                RunMerge merge = new RunMerge(file, runs.subList(i, Math.min(i + fanIn, runs.size())),
                        order, bufferSize);
                for (Object[] row; (row = merge.next()) != null; ) {
                    ctx.checkCancel();
                    writer.write(row);
                }
                merged.add(new Run(start, writer.position()));
            }
            writer.flush();
            SpillFile old = file;
            file = next;
            old.close();
            return merged;
        } catch (RuntimeException | Error e) {
            if (file != next) {
                SpillFiles.closeAfterFailure(next, e);
            }
            throw e;
        }
    }

    /** The merged rows of all runs; deletes the file once the last row has been read. */
    private RowIterator finalMerge(List<Run> runs) {
        SpillFile file = this.file;
        RunMerge merge = new RunMerge(file, runs, order, bufferSize);
        return new RowIterator() {
            boolean done;

            @Override
            public Object[] next() {
                if (done) {
                    return null;
                }
                try {
                    ctx.checkCancel();
                    Object[] row = merge.next();
                    if (row == null) {
                        done = true;
                        file.close();
                    }
                    return row;
                } catch (RuntimeException | Error e) {
                    done = true;
                    SpillFiles.closeAfterFailure(file, e);
                    throw e;
                }
            }
        };
    }
}
