package io.kyrodb.engine.storage;

/**
 * Which versions of a key a flush or compaction keeps, given the oldest snapshot any reader may
 * still use: every version newer than it, plus the newest one at or before it (what that snapshot
 * sees), and nothing older. When the output is the table's bottom (no older run lies below it), a
 * delete that is the oldest kept version is dropped too: nothing is left for it to hide, and that
 * is how DELETE frees disk. Feed one key's versions newest first after {@link #startKey()}.
 */
final class VersionGc {
    private final long oldestSnapshot;
    private final boolean bottom;
    private boolean done;

    VersionGc(long oldestSnapshot, boolean bottom) {
        this.oldestSnapshot = oldestSnapshot;
        this.bottom = bottom;
    }

    void startKey() {
        done = false;
    }

    /** Whether to keep the next (older) version of the current key. */
    boolean keep(long seq, boolean isDelete) {
        if (done) {
            return false;
        }
        if (seq > oldestSnapshot) {
            return true;
        }
        done = true;
        return !(bottom && isDelete);
    }
}
