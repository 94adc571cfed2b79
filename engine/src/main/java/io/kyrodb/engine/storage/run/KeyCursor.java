package io.kyrodb.engine.storage.run;

/**
 * Walks the keys of one source (a memtable or a run) in key order, as one read view sees them:
 * for each key that has a version the view sees, that version. Keys with no visible version in
 * this source are skipped (an older source may have one). Used by one thread.
 */
public interface KeyCursor {
    /** Moves to the next key with a visible version; false at the end. */
    boolean next();

    /** The current key's encoding; valid until the next call of {@link #next}. */
    byte[] key();

    /** The current key's visible version: its row, or null if that version is a delete. */
    Object[] row();

    /**
     * The current key compared with {@code other} (unsigned bytes, as {@link java.util.Arrays#compareUnsigned}).
     * A merge calls it once a row with the same {@code other} (the least key of the other sources),
     * so a cursor may remember that a whole block of its keys lies below it; {@code other} must not
     * be modified while this cursor is in use.
     */
    default int compareKey(byte[] other) {
        return java.util.Arrays.compareUnsigned(key(), other);
    }
}
