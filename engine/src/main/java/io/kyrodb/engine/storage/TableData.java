package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Table;

import java.util.AbstractMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rows of one table as MVCC version chains, ordered by primary key (or hidden row id). Rows
 * live on the heap and are made durable by the database's WAL and snapshot; the storage-engine
 * work moves them to memtable + runs. Readers run without locks against a {@link ReadView};
 * only the writer (holding the database's writer lock) adds, commits or rolls back versions.
 */
public final class TableData {
    private final Table table;
    private final ConcurrentSkipListMap<Object, Version> chains = new ConcurrentSkipListMap<>(KeyComparator.INSTANCE);
    private final AtomicLong nextRowId = new AtomicLong(1);

    public TableData(Table table) {
        this.table = table;
    }

    /** The key of a new {@code row}: its primary key, or a fresh row id for a table without one. */
    public Object keyOf(Object[] row) {
        int width = table.primaryKeyWidth();
        if (width == 0) {
            return nextRowId.getAndIncrement();
        }
        if (width == 1) {
            return row[table.primaryKeyColumn(0)];
        }
        Object[] key = new Object[width];
        for (int i = 0; i < width; i++) {
            key[i] = row[table.primaryKeyColumn(i)];
        }
        return key;
    }

    /** The key an existing row keeps when it is rewritten: its primary key, or its row id. */
    public Object rekey(Object oldKey, Object[] newRow) {
        return table.hasPrimaryKey() ? keyOf(newRow) : oldKey;
    }

    /** The row stored under {@code key} as {@code view} sees it, or null. */
    public Object[] get(Object key, ReadView view) {
        Version v = view.visible(chains.get(key));
        return v == null ? null : v.row;
    }

    /** The rows {@code view} sees, in key order. */
    public Iterator<Map.Entry<Object, Object[]>> entries(ReadView view) {
        Iterator<Map.Entry<Object, Version>> it = chains.entrySet().iterator();
        return new Iterator<>() {
            private Map.Entry<Object, Object[]> next = advance();

            private Map.Entry<Object, Object[]> advance() {
                while (it.hasNext()) {
                    Map.Entry<Object, Version> e = it.next();
                    Version v = view.visible(e.getValue());
                    if (v != null && v.row != null) {
                        return new AbstractMap.SimpleImmutableEntry<>(e.getKey(), v.row);
                    }
                }
                return null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Map.Entry<Object, Object[]> next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Map.Entry<Object, Object[]> out = next;
                next = advance();
                return out;
            }
        };
    }

    /**
     * Writes an uncommitted version ({@code row} null deletes) and returns it; the writing
     * transaction commits or rolls it back. Caller holds the writer lock.
     */
    public Version write(Object key, Object[] row) {
        Version head = chains.get(key);
        Version v = new Version(row, Version.UNCOMMITTED, head);
        chains.put(key, v);
        noteRowId(key);
        return v;
    }

    /** Recovery: installs a committed version directly (no snapshot is open yet). */
    public void recover(Object key, Object[] row, long seq) {
        if (row == null) {
            chains.remove(key);
        } else {
            chains.put(key, new Version(row, seq, null));
            noteRowId(key);
        }
    }

    /** Undoes {@code v}, which must be the head of its chain (the writer undoes newest first). */
    public void rollback(Object key, Version v) {
        Version older = v.older;
        if (older == null) {
            chains.remove(key, v);
        } else {
            chains.replace(key, v, older);
        }
    }

    /**
     * Drops the versions of {@code key} that no snapshot at or above {@code oldestSnapshot} can see:
     * everything older than the newest version committed at or before it, and the whole chain when
     * that version is a delete at its head.
     */
    public void prune(Object key, long oldestSnapshot) {
        Version head = chains.get(key);
        for (Version v = head; v != null; v = v.older) {
            if (v.seq <= oldestSnapshot) {
                v.older = null;
                if (v == head && v.row == null) {
                    chains.remove(key, v);
                }
                return;
            }
        }
    }

    private void noteRowId(Object key) {
        if (!table.hasPrimaryKey() && key instanceof Long id) {
            nextRowId.accumulateAndGet(id + 1, Math::max);
        }
    }
}
