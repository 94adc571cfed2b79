package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.types.HeapSize;

/**
 * The rows of a block decoded for the cache ({@link Block#withRows}), kept column by column: one
 * array of values per column, in entry order, and a reader gets a fresh row array made from them.
 *
 * <p>Why columns: kept as one {@code Object[]} per row, a cached table's rows lay wherever the
 * garbage collector last copied them, mixed with whatever else was alive then, and a scan of
 * cached rows missed the CPU cache about once a row. How badly depended on the heap's history:
 * {@code count(*)} of 250,000 cached orders with a filter took 20-27 ms of CPU in one JVM and
 * 9-11 ms after a full collection compacted the heap, and whole analytic queries varied 1.5-3x
 * from one JVM to the next. A column's array is one object the collector moves whole, its values
 * in entry order beside each other, so a scan reads each column as a stream. The row array a
 * reader gets is new, in the thread's allocation buffer: short-lived, and the reader's alone.
 */
final class DecodedRows {
    /** {@code columns[c][i]}: column {@code c} of entry {@code i}'s row (null past a row's width). */
    private final Object[][] columns;
    /** The width of every row, when all rows are puts of one width; else -1 and {@link #widths} says. */
    private final int width;
    /** Each entry's row width, -1 for a delete; null when {@link #width} holds for all. */
    private final int[] widths;
    private final long memoryBytes;

    private DecodedRows(Object[][] columns, int width, int[] widths, long memoryBytes) {
        this.columns = columns;
        this.width = width;
        this.widths = widths;
        this.memoryBytes = memoryBytes;
    }

    /**
     * The rows {@code rows} (null for a delete) column by column; {@code valueBytes} is the heap
     * their values hold of their own (see {@link SharedValues#bytes}).
     */
    static DecodedRows of(Object[][] rows, long valueBytes) {
        int n = rows.length;
        int widest = 0;
        int common = -2;   // none seen yet
        for (Object[] row : rows) {
            int w = row == null ? -1 : row.length;
            widest = Math.max(widest, w);
            common = common == -2 || common == w ? w : -1;
        }
        int[] widths = null;
        if (common < 0) {
            widths = new int[n];
            for (int i = 0; i < n; i++) {
                widths[i] = rows[i] == null ? -1 : rows[i].length;
            }
        }
        Object[][] columns = new Object[widest][];
        for (int c = 0; c < widest; c++) {
            Object[] column = new Object[n];
            for (int i = 0; i < n; i++) {
                Object[] row = rows[i];
                if (row != null && c < row.length) {
                    column[i] = row[c];
                }
            }
            columns[c] = column;
        }
        long bytes = valueBytes + HeapSize.array(widest) + (long) widest * HeapSize.array(n)
                + (widths == null ? 0 : 16 + 4L * n);
        return new DecodedRows(columns, common < 0 ? -1 : common, widths, bytes);
    }

    /** Heap bytes of the columns and their values. */
    long memoryBytes() {
        return memoryBytes;
    }

    /** Whether entry {@code i} is a delete. */
    boolean isDelete(int i) {
        return (widths == null ? width : widths[i]) < 0;
    }

    /** Entry {@code i}'s row, a new array (null for a delete). */
    Object[] row(int i) {
        int w = widths == null ? width : widths[i];
        if (w < 0) {
            return null;
        }
        Object[] row = new Object[w];
        for (int c = 0; c < w; c++) {
            row[c] = columns[c][i];
        }
        return row;
    }

    /**
     * Entry {@code i}'s row with only the columns {@code wanted} says filled, the others null, as
     * a partial decode gives them (null for a delete).
     */
    Object[] row(int i, boolean[] wanted) {
        int w = widths == null ? width : widths[i];
        if (w < 0) {
            return null;
        }
        Object[] row = new Object[w];
        for (int c = 0; c < w; c++) {
            if (c >= wanted.length || wanted[c]) {
                row[c] = columns[c][i];
            }
        }
        return row;
    }

    /**
     * Copies entry {@code i}'s row, a put, into {@code into} from slot {@code offset} on, the
     * columns {@code wanted} says (null: all) with their values and the others null; returns its
     * width. Makes no array.
     */
    int copyRow(int i, boolean[] wanted, Object[] into, int offset) {
        int w = widths == null ? width : widths[i];
        for (int c = 0; c < w; c++) {
            into[offset + c] = wanted == null || c >= wanted.length || wanted[c] ? columns[c][i] : null;
        }
        return w;
    }
}
