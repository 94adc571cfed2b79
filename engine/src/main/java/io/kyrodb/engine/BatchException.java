package io.kyrodb.engine;

/** A batch stopped at its first failing element; {@link #counts()} has the counts of those before. */
public final class BatchException extends KyroException {
    private final long[] counts;

    public BatchException(KyroException cause, long[] counts) {
        super(cause.state(), cause.getMessage(), cause);
        this.counts = counts.clone();
    }

    public long[] counts() {
        return counts.clone();
    }
}
