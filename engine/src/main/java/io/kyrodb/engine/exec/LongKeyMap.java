package io.kyrodb.engine.exec;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * A hash map from {@code long} keys to non-null values, by open addressing (linear probing,
 * deletion by shifting back), for hash joins and aggregations on one integer key: a probe costs no
 * boxing, no {@link GroupKey} and no {@link io.kyrodb.engine.types.Values#sameValue} call. Its
 * callers keep to SQL's grouping equality by putting only whole numbers of an integer type here
 * ({@link #integral}), which equal each other exactly when their {@code long} values do. Iteration
 * order is unspecified. Used by one thread.
 */
final class LongKeyMap<V> {
    /**
     * Estimated heap bytes of one key and its value reference: a slot is 12 bytes (a long and a
     * compressed reference) and the table keeps 2 to 4 slots a key.
     */
    static final long ENTRY_BYTES = 48;

    private long[] keys;
    private Object[] values;
    private int mask;
    private int size;

    LongKeyMap() {
        keys = new long[16];
        values = new Object[16];
        mask = 15;
    }

    /** Whether {@code v} is a SMALLINT, INTEGER or BIGINT value (a key this map may hold). */
    static boolean integral(Object v) {
        return v instanceof Integer || v instanceof Long || v instanceof Short;
    }

    int size() {
        return size;
    }

    private static int slot(long key, int mask) {
        return GroupKey.mix(key) & mask;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Object v = values[i];
            if (v == null) {
                return null;
            }
            if (keys[i] == key) {
                return (V) v;
            }
        }
    }

    /** Maps {@code key} to {@code value} (not null), replacing what it mapped to. */
    void put(long key, V value) {
        if (value == null) {
            throw new IllegalArgumentException("null value for key " + key);
        }
        int i = slot(key, mask);
        for (; values[i] != null; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > values.length) {
            grow();
        }
    }

    /** Removes {@code key}'s mapping, if any. */
    void remove(long key) {
        int i = slot(key, mask);
        while (true) {
            if (values[i] == null) {
                return;
            }
            if (keys[i] == key) {
                break;
            }
            i = (i + 1) & mask;
        }
        // Shift back the entries after the hole that probing would no longer reach.
        int hole = i;
        for (int j = (hole + 1) & mask; values[j] != null; j = (j + 1) & mask) {
            int home = slot(keys[j], mask);
            boolean reachable = hole <= j ? (home > hole && home <= j) : (home > hole || home <= j);
            if (!reachable) {
                keys[hole] = keys[j];
                values[hole] = values[j];
                hole = j;
            }
        }
        values[hole] = null;
        size--;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new Object[oldValues.length * 2];
        mask = values.length - 1;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int j = slot(oldKeys[i], mask);
                while (values[j] != null) {
                    j = (j + 1) & mask;
                }
                keys[j] = oldKeys[i];
                values[j] = oldValues[i];
            }
        }
    }

    /** Calls {@code action} with each key and value. */
    @SuppressWarnings("unchecked")
    void forEach(java.util.function.BiConsumer<Long, V> action) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                action.accept(keys[i], (V) values[i]);
            }
        }
    }

    /** Calls {@code action} with each key, in slot order. */
    void forEachKey(java.util.function.LongConsumer action) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                action.accept(keys[i]);
            }
        }
    }

    /** The values, in slot order. */
    Iterator<V> values() {
        return new Iterator<>() {
            private int i = advance(0);

            private int advance(int from) {
                while (from < values.length && values[from] == null) {
                    from++;
                }
                return from;
            }

            @Override
            public boolean hasNext() {
                return i < values.length;
            }

            @Override
            @SuppressWarnings("unchecked")
            public V next() {
                if (i >= values.length) {
                    throw new NoSuchElementException();
                }
                V v = (V) values[i];
                i = advance(i + 1);
                return v;
            }
        };
    }
}
