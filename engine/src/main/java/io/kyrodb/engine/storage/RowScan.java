package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.KeyCursor;

/**
 * A sequential scan of a table's rows as one read view sees them, in key order
 * ({@link TableData#scan}): {@link #next} moves to the next row, which a reader takes as an array
 * ({@link #row}) or copies into one of its own ({@link #copyRow}). Used by one thread.
 */
public final class RowScan {
    private final KeyCursor merged;
    private final boolean[] columns;
    /** What the scan charges once it reached the end, or null (see {@code TableData.scanCharge}). */
    private Runnable scanned;

    RowScan(KeyCursor merged, boolean[] columns, Runnable scanned) {
        this.merged = merged;
        this.columns = columns;
        this.scanned = scanned;
    }

    /** Moves to the next row; false at the end. */
    public boolean next() {
        while (merged.next()) {
            if (!merged.deleted()) {
                return true;
            }
        }
        if (scanned != null) {
            scanned.run();
            scanned = null;
        }
        return false;
    }

    /** The current row, the columns the scan reads at least; it may be shared: callers must not modify it. */
    public Object[] row() {
        return merged.row(columns);
    }

    /**
     * Copies the current row into {@code into} from slot {@code offset} on and returns its width:
     * the columns the scan reads hold their values, the others null or their values. No row array
     * is made where the rows are cached column by column.
     */
    public int copyRow(Object[] into, int offset) {
        return merged.copyRow(columns, into, offset);
    }
}
