package io.kyrodb.engine.storage;

import io.kyrodb.engine.catalog.Table;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The rows of one table, ordered by primary key (or hidden row id). In the walking skeleton rows
 * live on the heap and are made durable by the database's log and snapshot; the storage engine
 * issue replaces this with memtable + runs. Not thread-safe: guarded by the database lock.
 */
public final class TableData {
    private final Table table;
    private final TreeMap<Object, Object[]> rows = new TreeMap<>(KeyComparator.INSTANCE);
    private long nextRowId = 1;

    public TableData(Table table) {
        this.table = table;
    }

    /** The key of {@code row}; for a table without primary key, a fresh row id. */
    public Object keyOf(Object[] row) {
        int width = table.primaryKeyWidth();
        if (width == 0) {
            return nextRowId++;
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

    public Object[] get(Object key) {
        return rows.get(key);
    }

    public boolean contains(Object key) {
        return rows.containsKey(key);
    }

    public void put(Object key, Object[] row) {
        rows.put(key, row);
        if (key instanceof Long id && !table.hasPrimaryKey() && id >= nextRowId) {
            nextRowId = id + 1;
        }
    }

    public void remove(Object key) {
        rows.remove(key);
    }

    public int size() {
        return rows.size();
    }

    public Iterator<Map.Entry<Object, Object[]>> entries() {
        return rows.entrySet().iterator();
    }
}
