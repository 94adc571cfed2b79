package io.kyrodb.engine.storage.run;

/**
 * Finds the block of a run that may hold a key. Kept on the heap for every open run, so it must be
 * compact. The fence-key index ({@link FenceIndex}) is the baseline; the learned index plugs in here.
 */
public interface RunIndex {
    /** The only block that can hold {@code key}, or -1 if the key sorts before the run's first key. */
    int block(byte[] key);

    int blockCount();

    /** Heap bytes the index holds. */
    long memoryBytes();
}
