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
}
