package io.kyrodb.engine.exec;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.fs.TempSpace;
import io.kyrodb.engine.storage.ReadView;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one execution of a plan carries: the parameter values, the read view (which row versions
 * the statement sees), the session's cancel flag, which another thread may set (JDBC
 * Statement.cancel, a query timeout), the memory one operator may hold ({@code workMem} bytes,
 * the session's {@code work_mem}) and where it may spill. Operators call {@link #checkCancel} in
 * loops that can run long; the statement then fails with 57014.
 *
 * <p>The statement owns the context: it {@linkplain #close() closes} it when it ends, however it
 * ends, which deletes every spill file its operators left open (an early LIMIT, a failure or a
 * cancel in a parent operator).
 */
public record ExecContext(Object[] params, ReadView view, AtomicBoolean cancelRequested, long workMem,
                          TempSpace tempSpace, SpillFiles spills) implements AutoCloseable {

    public ExecContext(Object[] params, ReadView view, AtomicBoolean cancelRequested, long workMem,
                       TempSpace tempSpace) {
        this(params, view, cancelRequested, workMem, tempSpace, new SpillFiles(tempSpace));
    }

    public void checkCancel() {
        if (cancelRequested.get()) {
            cancelRequested.set(false);
            throw new KyroException(SqlState.QUERY_CANCELED, "canceling statement due to user request");
        }
    }

    /** Deletes the spill files still open. */
    @Override
    public void close() {
        spills.close();
    }
}
