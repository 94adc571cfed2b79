package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.KeyCursor;

import java.util.Arrays;
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

    private final PriorityQueue<Head> heads;
    private byte[] key;
    private Object[] row;

    MergeCursor(List<KeyCursor> newestFirst) {
        heads = new PriorityQueue<>(Math.max(1, newestFirst.size()), (a, b) -> {
            int c = Arrays.compareUnsigned(a.cursor.key(), b.cursor.key());
            return c != 0 ? c : Integer.compare(a.rank, b.rank);
        });
        for (int i = 0; i < newestFirst.size(); i++) {
            KeyCursor c = newestFirst.get(i);
            if (c.next()) {
                heads.add(new Head(c, i));
            }
        }
    }

    @Override
    public boolean next() {
        Head top = heads.poll();
        if (top == null) {
            return false;
        }
        key = top.cursor.key();
        row = top.cursor.row();
        // Older sources' versions of the same key are shadowed.
        while (!heads.isEmpty() && Arrays.equals(heads.peek().cursor.key(), key)) {
            Head h = heads.poll();
            if (h.cursor.next()) {
                heads.add(h);
            }
        }
        if (top.cursor.next()) {
            heads.add(top);
        }
        return true;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public Object[] row() {
        return row;
    }
}
