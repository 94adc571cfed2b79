package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.KeyCursor;

/**
 * The keys a read view sees that start with one encoded prefix, deletes left out: an index probe
 * ({@code col = v} is the prefix of the entries of {@code v}, since every key encoding delimits
 * itself). Rows are decoded only when {@link #row()} asks, so counting and EXISTS read keys only.
 * Sources whose key range cannot hold the prefix are not opened ({@link TableData#withPrefix}).
 */
class PrefixCursor implements KeyCursor {
    private final KeyCursor keys;
    private final byte[] prefix;
    private boolean done;

    PrefixCursor(KeyCursor keys, byte[] prefix) {
        this.keys = keys;
        this.prefix = prefix;
    }

    @Override
    public boolean next() {
        while (!done && keys.next()) {
            if (!keys.startsWith(prefix)) {
                break;   // key order: nothing after it has the prefix
            }
            if (!keys.deleted()) {
                return true;
            }
        }
        done = true;
        return false;
    }

    @Override
    public byte[] key() {
        return keys.key();
    }

    @Override
    public Object[] row() {
        return keys.row();
    }

    @Override
    public Object[] row(boolean[] columns) {
        return keys.row(columns);
    }

    @Override
    public boolean deleted() {
        return false;
    }

    @Override
    public boolean startsWith(byte[] p) {
        return keys.startsWith(p);
    }
}
