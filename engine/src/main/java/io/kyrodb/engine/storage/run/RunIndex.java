package io.kyrodb.engine.storage.run;

/**
 * Finds the block of a run that may hold a key. Kept on the heap for every open run, so it must be
 * compact. The fence-key index ({@link FenceIndex}) answers exactly; the learned index
 * ({@link LearnedIndex}) answers with a block near it, and the run then walks to the neighbour
 * whose key range holds the key.
 */
public interface RunIndex {
    /**
     * The block that can hold {@code key}, or -1 if the key sorts before the run's first key; a
     * guess close to it when {@link #exact()} is false.
     */
    int block(byte[] key);

    /** Whether {@link #block} is always the right block. */
    boolean exact();

    int blockCount();

    /** Heap bytes the index holds. */
    long memoryBytes();

    /** What EXPLAIN says of it. */
    String describe();

    /** The learned model's segments (0 for the fence index). */
    default long segments() {
        return 0;
    }

    /** Whether pk_index is learned but this run searches fence keys (its keys crowd the model). */
    default boolean fallback() {
        return false;
    }

    /** The learned model's error bound (0 for the fence index). */
    default int epsilon() {
        return 0;
    }
}
