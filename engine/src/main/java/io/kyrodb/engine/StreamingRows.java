package io.kyrodb.engine;

import io.kyrodb.engine.exec.ExecContext;
import io.kyrodb.engine.exec.RowIterator;
import io.kyrodb.engine.storage.ReadEpochs;
import io.kyrodb.engine.txn.Committed;
import io.kyrodb.engine.txn.TransactionManager;

import java.util.List;

/**
 * The rows of a query produced as they are read, so that a result larger than memory can be read
 * at all. While open it holds what the query reads: its snapshot (so no version it may still
 * return is pruned), a read epoch (so no run file it reads is deleted) and its execution context
 * (spill files). It releases them when the last row has been read, on an error, or on
 * {@link #close()}; its session closes it at the latest. Used by one thread at a time.
 */
final class StreamingRows implements ExecResult.Rows {
    private final List<ResultColumn> columns;
    private final List<Object[]> first;
    private final RowIterator rest;
    private final ExecContext ctx;
    private final TransactionManager transactions;
    private final Committed snapshot;
    private final ReadEpochs.Slot reading;
    private final java.util.function.Consumer<StreamingRows> onClose;
    private int firstAt;
    private boolean closed;

    StreamingRows(List<ResultColumn> columns, List<Object[]> first, RowIterator rest, ExecContext ctx,
                  TransactionManager transactions, Committed snapshot, ReadEpochs.Slot reading,
                  java.util.function.Consumer<StreamingRows> onClose) {
        this.columns = columns;
        this.first = first;
        this.rest = rest;
        this.ctx = ctx;
        this.transactions = transactions;
        this.snapshot = snapshot;
        this.reading = reading;
        this.onClose = onClose;
    }

    @Override
    public List<ResultColumn> columns() {
        return columns;
    }

    @Override
    public Object[] next() {
        if (closed) {
            return null;
        }
        if (firstAt < first.size()) {
            Object[] row = first.get(firstAt);
            first.set(firstAt++, null);
            return row;
        }
        Object[] row;
        try {
            row = rest.next();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        if (row == null) {
            close();
        }
        return row;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            ctx.close();
        } finally {
            transactions.closeSnapshot(snapshot);
            reading.exit();
            reading.close();
            onClose.accept(this);
        }
    }
}
