package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.KeyCursor;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A table's recent row versions in memory, keyed by encoded key ({@code KeyCodec}): one version
 * chain per key, newest first. The active memtable takes the writer's versions; at a freeze it
 * becomes read-only and is flushed to a run. Readers never lock; only the writer (holding the
 * database's writer lock) adds, commits, rolls back or prunes versions. A chain here never links to
 * versions in older memtables or runs: a lookup that finds no visible version here goes on to them.
 */
final class Memtable {
    /** Estimated heap bytes of one version besides its key and row: skip-list node, entry, Version. */
    static final int VERSION_OVERHEAD = 96;

    private final ConcurrentSkipListMap<byte[], Version> chains = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private volatile long bytes;   // written by the writer only

    Version get(byte[] key) {
        return chains.get(key);
    }

    boolean isEmpty() {
        return chains.isEmpty();
    }

    int keyCount() {
        return chains.size();
    }

    /** Estimated heap bytes held. */
    long bytes() {
        return bytes;
    }

    /** Adds an uncommitted version on top of the key's chain and returns it; its heap estimate is {@code size}. */
    Version write(byte[] key, Object[] row, long size) {
        Version v = new Version(row, Version.UNCOMMITTED, chains.get(key));
        chains.put(key, v);
        bytes += size;
        return v;
    }

    /** Recovery: a committed version replaces the key's chain (no snapshot is open yet). */
    void recover(byte[] key, Object[] row, long seq, long size) {
        chains.put(key, new Version(row, seq, null));
        bytes += size;
    }

    /** Undoes {@code v}, the head of its chain (the writer undoes newest first). */
    void rollback(byte[] key, Version v) {
        Version older = v.older;
        if (older == null) {
            chains.remove(key, v);
        } else {
            chains.replace(key, v, older);
        }
    }

    /**
     * Drops the versions of {@code key} no snapshot at or above {@code oldestSnapshot} can see:
     * those older than the newest version committed at or before it, and those of the commit that
     * wrote the head but lie below it. A delete stays: it hides the
     * key's versions in older memtables and runs.
     */
    void prune(byte[] key, long oldestSnapshot) {
        Version head = chains.get(key);
        // A transaction that wrote the key more than once left versions with one commit sequence:
        // only the newest can ever be seen.
        while (head != null && head.older != null && head.older.seq == head.seq) {
            head.older = head.older.older;
        }
        for (Version v = head; v != null; v = v.older) {
            if (v.seq <= oldestSnapshot) {
                v.older = null;
                return;
            }
        }
    }

    /** Every chain at or after {@code from} (null: all), in key order; weakly consistent. */
    Iterator<Map.Entry<byte[], Version>> chains(byte[] from) {
        return (from == null ? chains : chains.tailMap(from, true)).entrySet().iterator();
    }

    /** The keys at or after {@code from} as {@code view} sees them. */
    KeyCursor cursor(byte[] from, ReadView view) {
        Iterator<Map.Entry<byte[], Version>> it = chains(from);
        return new KeyCursor() {
            private byte[] key;
            private Object[] row;

            @Override
            public boolean next() {
                while (it.hasNext()) {
                    Map.Entry<byte[], Version> e = it.next();
                    Version v = view.visible(e.getValue());
                    if (v != null) {
                        key = e.getKey();
                        row = v.row;
                        return true;
                    }
                }
                return false;
            }

            @Override
            public byte[] key() {
                return key;
            }

            @Override
            public Object[] row() {
                return row;
            }
        };
    }
}
