package io.kyrodb.engine.storage;

/**
 * What a statement sees: every version committed at or before {@code seq}, plus, for the writing
 * transaction (the only one that has uncommitted versions, as there is one writer at a time), its
 * own uncommitted versions.
 */
public record ReadView(long seq, boolean ownWrites) {
    /** The newest version of the chain starting at {@code head} that this view sees, or null. */
    public Version visible(Version head) {
        for (Version v = head; v != null; v = v.older) {
            long s = v.seq;
            if (s <= seq || (ownWrites && s == Version.UNCOMMITTED)) {
                return v;
            }
        }
        return null;
    }
}
