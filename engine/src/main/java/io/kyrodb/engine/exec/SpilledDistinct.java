package io.kyrodb.engine.exec;

import io.kyrodb.engine.types.Values;

import java.util.Collection;
import java.util.function.Consumer;

/**
 * One group's DISTINCT aggregate values once they outgrow work_mem, as PostgreSQL keeps them: not
 * deduplicated while they arrive but appended to a spill file, then sorted ({@link ExternalSort},
 * so within work_mem too) and read back with equal values ({@link Values#sameValue}: 1 = 1.0)
 * taken once. Used by {@link Accumulator}; the file is deleted once read (or with the statement).
 */
final class SpilledDistinct {
    private final ExecContext ctx;
    private final SpillFile file;
    private final SpillCodec.Writer writer;
    private final int bufferSize;
    private final long start;

    /** Starts the file with the values held so far. */
    SpilledDistinct(ExecContext ctx, Collection<Object> values) {
        this.ctx = ctx;
        this.bufferSize = WorkMem.ioBufferSize(WorkMem.budget(ctx));
        this.file = ctx.spills().create("distinct");
        try {
            this.writer = file.writer(bufferSize);
            this.start = writer.position();
            for (Object v : values) {
                add(v);
            }
        } catch (RuntimeException | Error e) {
            SpillFiles.closeAfterFailure(file, e);
            throw e;
        }
    }

    /** Appends a non-null value (a duplicate too: the sort finds them). */
    void add(Object v) {
        writer.write(new Object[]{v});
    }

    /** Gives each distinct value once, in value order, then deletes the file. */
    void forEachDistinct(Consumer<Object> action) {
        try {
            writer.flush();
            SpillCodec.Reader reader = file.reader(start, writer.position(), bufferSize);
            RowIterator sorted = ExternalSort.sort(reader::next, (a, b) -> Values.compare(a[0], b[0]), ctx);
            Object previous = null;
            for (Object[] row; (row = sorted.next()) != null; ) {
                if (previous == null || !Values.sameValue(previous, row[0])) {
                    action.accept(row[0]);
                    previous = row[0];
                }
            }
        } finally {
            file.close();
        }
    }
}
