package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.KeyCursor;

import java.util.List;
import java.util.PriorityQueue;

/**
 * Merges the cursors of a table's sources (memtables and runs, newest first) into one key-ordered
 * cursor: for a key present in several sources, the newest source's visible version wins (its
 * versions are all newer than the older sources'), including a delete, which then hides the key.
 */
final class MergeCursor implements KeyCursor {
    private record Head(KeyCursor cursor, int rank) {
    }

    /** The head with the smallest key (the newest source among equals); null at the end. */
    private Head top;
    /** The other sources' heads. */
    private final PriorityQueue<Head> rest;
    /** Whether {@link #top}'s current key has been returned, so the next call moves past it. */
    private boolean returned;

    /** Every source's head, by rank. */
    private final Head[] heads;
    /** Scratch for {@link #seekAhead}: which heads are in {@link #rest}, by rank. */
    private final boolean[] live;

    MergeCursor(List<KeyCursor> newestFirst) {
        rest = new PriorityQueue<>(Math.max(1, newestFirst.size()), MergeCursor::order);
        heads = new Head[newestFirst.size()];
        live = new boolean[heads.length];
        for (int i = 0; i < heads.length; i++) {
            heads[i] = new Head(newestFirst.get(i), i);
        }
        start();
    }

    private void start() {
        for (Head h : heads) {
            if (h.cursor.next()) {
                rest.add(h);
            }
        }
        top = rest.poll();
        returned = false;
    }

    @Override
    public void seek(byte[] from) {
        rest.clear();
        for (Head h : heads) {
            h.cursor.seek(from);
        }
        start();
    }

    /*
     * A probe after the one before in key order: the sources whose next key is already at or after
     * from (all of them, where probe keys follow one another closely) are neither sought nor read
     * again, and the top gives its key again when it is at or after from (the key that ended the
     * previous probe is often the first of this one).
     */
    @Override
    public void seekAhead(byte[] from) {
        boolean[] live = this.live;
        java.util.Arrays.fill(live, false);
        for (Head h : rest) {
            live[h.rank] = true;
        }
        Head keep = top != null && top.cursor.compareKey(from) >= 0 ? top : null;
        rest.clear();
        for (Head h : heads) {
            if (h == keep) {
                continue;
            }
            if (live[h.rank] && h.cursor.compareKey(from) >= 0) {
                rest.add(h);
            } else {
                h.cursor.seek(from);
                if (h.cursor.next()) {
                    rest.add(h);
                }
            }
        }
        top = keep != null ? keep : rest.poll();
        returned = false;
    }

    private static int order(Head a, Head b) {
        int c = a.cursor.compareKey(b.cursor.key());
        return c != 0 ? c : Integer.compare(a.rank, b.rank);
    }

    /*
     * The smallest head stays out of the queue while it keeps the smallest key: where sources hold
     * key ranges that barely overlap (runs flushed in key order), a row costs one comparison of the
     * top's key with the least key of the others (which a run cursor answers once per block),
     * instead of a queue removal and insertion. The top's key and row are read in place: the top
     * moves on at the next call, so its row is decoded only if asked for.
     */
    @Override
    public boolean next() {
        if (top == null) {
            return false;
        }
        if (returned && !top.cursor.next()) {
            top = rest.poll();
            if (top == null) {
                return false;
            }
        }
        returned = true;
        Head other;
        while ((other = rest.peek()) != null) {
            int c = top.cursor.compareKey(other.cursor.key());
            if (c < 0) {
                break;
            }
            rest.poll();
            if (c == 0 && top.rank < other.rank) {
                if (other.cursor.next()) {   // an older source's version of the same key: shadowed
                    rest.add(other);
                }
            } else {
                rest.add(top);               // the other head comes first
                top = other;
            }
        }
        return true;
    }

    @Override
    public byte[] key() {
        return top.cursor.key();
    }

    @Override
    public Object[] row() {
        return top.cursor.row();
    }

    @Override
    public Object[] row(boolean[] columns) {
        return top.cursor.row(columns);
    }

    @Override
    public boolean deleted() {
        return top.cursor.deleted();
    }

    @Override
    public boolean startsWith(byte[] prefix) {
        return top.cursor.startsWith(prefix);
    }
}
