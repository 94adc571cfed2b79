package io.kyrodb.engine.storage;

import io.kyrodb.engine.types.Values;

import java.util.Comparator;

/**
 * Orders primary keys: a single-column key is the column's value, a composite key an
 * {@code Object[]} compared column by column, a hidden row id a Long. Keys never contain NULL.
 */
public final class KeyComparator implements Comparator<Object> {
    public static final KeyComparator INSTANCE = new KeyComparator();

    private KeyComparator() {
    }

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof Object[] x) {
            Object[] y = (Object[]) b;
            for (int i = 0; i < x.length; i++) {
                int c = Values.compare(x[i], y[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        return Values.compare(a, b);
    }
}
