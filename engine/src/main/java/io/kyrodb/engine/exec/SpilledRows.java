package io.kyrodb.engine.exec;

import java.util.AbstractList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.RandomAccess;

/**
 * A sequence of rows written once to a spill file and then read by position, for an operator that
 * needs random access to more rows than work_mem holds (a window partition). The file offset of
 * every {@link #BLOCK}-th row stays in memory; rows are read back a block at a time and the
 * last few blocks are cached (as many as fit half the budget, but at least {@link #MIN_CACHED}:
 * a frame wider than the cache makes every read of it miss, LRU being the worst policy for a
 * window sliding over more blocks than it holds; 512 rows cost little even at a small work_mem),
 * which suits window frames: they move forward through the partition and look a little back or ahead.
 * Rows returned by {@link #get} must not be changed. {@link #close} deletes the file.
 */
final class SpilledRows extends AbstractList<Object[]> implements RandomAccess, AutoCloseable {
    /** Rows per block read back at once. */
    static final int BLOCK = 16;
    static final int MIN_CACHED = 32;

    private final SpillFile file;
    private final SpillCodec.Writer writer;
    private final int bufferSize;
    private long[] blockStarts = new long[16];
    private int size;
    private long end;
    private final Map<Integer, Object[][]> cache;

    /** {@code rowBytes}: the estimated size of a row, to size the cache within {@code budget}. */
    SpilledRows(ExecContext ctx, long budget, long rowBytes) {
        this.bufferSize = WorkMem.ioBufferSize(budget);
        this.file = ctx.spills().create("window");
        try {
            this.writer = file.writer(bufferSize);
        } catch (RuntimeException | Error e) {
            SpillFiles.closeAfterFailure(file, e);
            throw e;
        }
        long blockBytes = Math.max(1, rowBytes) * BLOCK;
        int blocks = (int) Math.clamp((budget / 2 - 2L * bufferSize) / blockBytes, MIN_CACHED, 1024);
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Object[][]> eldest) {
                return size() > blocks;
            }
        };
    }

    /** Appends a row (before {@link #finish}). */
    @Override
    public boolean add(Object[] row) {
        if (size % BLOCK == 0) {
            int b = size / BLOCK;
            if (b == blockStarts.length) {
                blockStarts = java.util.Arrays.copyOf(blockStarts, b * 2);
            }
            blockStarts[b] = writer.position();
        }
        writer.write(row);
        size++;
        return true;
    }

    /** Ends the writing; the rows can be read from now on. */
    void finish() {
        writer.flush();
        end = writer.position();
    }

    @Override
    public Object[] get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index);
        }
        int b = index / BLOCK;
        Object[][] block = cache.get(b);
        if (block == null) {
            block = read(b);
            cache.put(b, block);
        }
        return block[index % BLOCK];
    }

    private Object[][] read(int b) {
        int first = b * BLOCK;
        int count = Math.min(BLOCK, size - first);
        long stop = (b + 1) * BLOCK < size ? blockStarts[b + 1] : end;
        SpillCodec.Reader reader = file.reader(blockStarts[b], stop, bufferSize);
        Object[][] rows = new Object[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = reader.next();
        }
        return rows;
    }

    /** The rows in order, read sequentially (not through the cache). */
    RowIterator iterator(ExecContext ctx) {
        SpillCodec.Reader reader = file.reader(size > 0 ? blockStarts[0] : end, end, bufferSize);
        return () -> {
            ctx.checkCancel();
            return reader.next();
        };
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void close() {
        cache.clear();
        file.close();
    }
}
