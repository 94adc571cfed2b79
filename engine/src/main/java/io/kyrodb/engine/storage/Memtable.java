package io.kyrodb.engine.storage;

import io.kyrodb.engine.storage.run.BloomFilter;
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

    /** Keys a memtable is sized for, when its database bounds it with memtable_size. */
    static long expectedKeys(long memtableBytes) {
        return memtableBytes / (VERSION_OVERHEAD + 16);
    }

    private final ConcurrentSkipListMap<byte[], Version> chains = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final BloomFilter filter;   // null: unbounded memtable (in-memory database), no filter
    private volatile long bytes;   // written by the writer only

    /** @param expectedKeys the keys it is expected to hold before it is frozen; 0 for no filter */
    Memtable(long expectedKeys) {
        this.filter = expectedKeys > 0 ? BloomFilter.growing(expectedKeys) : null;
    }

    Version get(byte[] key) {
        return get(key, filter == null ? 0 : BloomFilter.hash(key, 0, key.length));
    }

    /** {@link #get(byte[])} with the key's {@link BloomFilter#hash} computed once by the caller. */
    Version get(byte[] key, long hash) {
        if (bytes == 0 || (filter != null && !filter.mightContain(hash))) {
            return null;   // empty, or certainly not here
        }
        return chains.get(key);
    }

    boolean isEmpty() {
        return chains.isEmpty();
    }

    /** The smallest key (the memtable is not empty). */
    byte[] firstKey() {
        return chains.firstKey();
    }

    /** The largest key (the memtable is not empty). */
    byte[] lastKey() {
        return chains.lastKey();
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
        long hash = filter == null ? 0 : BloomFilter.hash(key, 0, key.length);
        Version v = new Version(row, Version.UNCOMMITTED, get(key, hash));
        if (filter != null) {
            filter.add(hash);
        }
        chains.put(key, v);
        bytes += size;
        return v;
    }

    /** Recovery: a committed version replaces the key's chain (no snapshot is open yet). */
    void recover(byte[] key, Object[] row, long seq, long size) {
        if (filter != null) {
            filter.add(BloomFilter.hash(key, 0, key.length));
        }
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
     * Drops, below the committed version {@code v}, what no snapshot at or above
     * {@code oldestSnapshot} can see: the versions of the commit that wrote {@code v} (only the
     * newest of them can ever be seen), and everything older than the newest version committed at
     * or before {@code oldestSnapshot}. Deletes stay: they hide the key's versions in older
     * memtables and runs. Starts at {@code v}, not at the chain's head, so it needs no lookup;
     * versions above {@code v} are of the same commit and newer.
     */
    static void prune(Version v, long oldestSnapshot) {
        while (v.older != null && v.older.seq == v.seq) {
            v.older = v.older.older;
        }
        for (Version x = v; x != null; x = x.older) {
            if (x.seq <= oldestSnapshot) {
                x.older = null;
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
        return new KeyCursor() {
            private Iterator<Map.Entry<byte[], Version>> it = chains(from);
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

            @Override
            public void seek(byte[] at) {
                // a probe per outer row; the view keeps its bound, and a probe reuses its prefix's array
                it = chains.isEmpty() ? java.util.Collections.emptyIterator() : chains(at.clone());
            }
        };
    }
}
