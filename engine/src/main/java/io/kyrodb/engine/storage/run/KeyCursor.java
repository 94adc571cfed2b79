package io.kyrodb.engine.storage.run;

import java.util.Arrays;

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
     * {@link #row()} for a reader that reads only the columns whose {@code columns} entry is true
     * (columns past its end count as read): a source that stores rows encoded decodes only those
     * and leaves the others null; others return the whole row. Null {@code columns}: every column.
     */
    default Object[] row(boolean[] columns) {
        return row();
    }

    /**
     * Whether the current key's visible version is a delete: what {@code row() == null} says,
     * without decoding a row where a source stores it encoded (an index probe that only counts).
     */
    default boolean deleted() {
        return row() == null;
    }

    /**
     * Moves back before the first key at or after {@code from}, so that {@link #next} returns it:
     * a probe that reuses one cursor for many seeks (runs, memtables and their merge support it;
     * a seek forward from where the cursor is costs a search of the rest of its block, not a lookup).
     * A cursor must not keep {@code from} past the call: a probe reuses its array for the next one.
     */
    default void seek(byte[] from) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot seek");
    }

    /**
     * {@link #seek}, when the caller knows that every key this cursor returned since its last seek,
     * except the current one, lies before {@code from} (a probe after the one before in key order):
     * a merge then leaves alone each source whose next key is already at or after {@code from},
     * and gives its current key again when that one is.
     */
    default void seekAhead(byte[] from) {
        seek(from);
    }

    /**
     * Moves on over the keys that start with {@code prefix}, counting those whose visible version
     * is no delete, until {@code limit} are counted or a key without the prefix becomes the current
     * one (key order: none after it has the prefix): a probe that only counts or tests for
     * existence. What {@link #next}, {@link #startsWith} and {@link #deleted} in a loop answer;
     * a cursor a hot probe reads (a run's) repeats the loop in its own class, where the JIT binds
     * those calls to it instead of dispatching each one.
     */
    default long countPrefix(byte[] prefix, long limit) {
        long n = 0;
        while (n < limit && next()) {
            if (!startsWith(prefix)) {
                break;
            }
            if (!deleted()) {
                n++;
            }
        }
        return n;
    }

    /** Whether the current key's encoding starts with {@code prefix}, without copying the key where it can. */
    default boolean startsWith(byte[] prefix) {
        byte[] k = key();
        return k.length >= prefix.length && Arrays.equals(k, 0, prefix.length, prefix, 0, prefix.length);
    }

    /**
     * The current key compared with {@code other} (unsigned bytes, as {@link java.util.Arrays#compareUnsigned}).
     * A merge calls it once a row with the same {@code other} (the least key of the other sources),
     * so a cursor may remember that a whole block of its keys lies below it; {@code other} must not
     * be modified while this cursor is in use.
     */
    default int compareKey(byte[] other) {
        return java.util.Arrays.compareUnsigned(key(), other);
    }

    /** A cursor with no keys. */
    KeyCursor EMPTY = new KeyCursor() {
        @Override
        public boolean next() {
            return false;
        }

        @Override
        public byte[] key() {
            throw new java.util.NoSuchElementException();
        }

        @Override
        public Object[] row() {
            throw new java.util.NoSuchElementException();
        }

        @Override
        public void seek(byte[] from) {
            // nothing to position: next() stays false
        }
    };
}
