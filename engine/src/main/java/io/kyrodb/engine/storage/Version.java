package io.kyrodb.engine.storage;

/**
 * One version of a row in a key's version chain, newest first. {@code row} is null for a delete.
 * {@code seq} is the commit sequence (the LSN of the commit's WAL record) or {@link #UNCOMMITTED}
 * while the writing transaction is open; the writer sets it once, at commit, under the writer
 * lock. Readers never lock: they follow {@code older} until a version their snapshot sees.
 */
public final class Version {
    public static final long UNCOMMITTED = Long.MAX_VALUE;

    final Object[] row;
    volatile long seq;
    volatile Version older;

    Version(Object[] row, long seq, Version older) {
        this.row = row;
        this.seq = seq;
        this.older = older;
    }

    public Object[] row() {
        return row;
    }

    public long seq() {
        return seq;
    }

    /** Called by the committing writer, under the writer lock. */
    public void commit(long commitSeq) {
        this.seq = commitSeq;
    }
}
