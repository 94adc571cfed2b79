package io.kyrodb.tck.crash;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The oracle's copy of one table: rows by primary key, or a plain multiset for a table without one.
 * Rows are immutable lists (nulls allowed); statements replace them. Knows nothing of the engine.
 */
final class ModelTable {
    final TableSpec spec;
    private final TreeMap<List<Object>, List<Object>> byKey;   // tables with a primary key
    private final List<List<Object>> heap;                     // tables without

    ModelTable(TableSpec spec) {
        this.spec = spec;
        this.byKey = spec.hasPrimaryKey() ? new TreeMap<>(SqlValues.KEY_ORDER) : null;
        this.heap = spec.hasPrimaryKey() ? null : new ArrayList<>();
    }

    ModelTable copy() {
        ModelTable t = new ModelTable(spec);
        if (byKey != null) {
            t.byKey.putAll(byKey);
        } else {
            t.heap.addAll(heap);
        }
        return t;
    }

    int size() {
        return byKey != null ? byKey.size() : heap.size();
    }

    /** The rows, in key order (or insertion order without a key). */
    List<List<Object>> rows() {
        return byKey != null ? new ArrayList<>(byKey.values()) : new ArrayList<>(heap);
    }

    boolean containsKey(List<Object> key) {
        return byKey.containsKey(key);
    }

    List<List<Object>> keys() {
        return new ArrayList<>(byKey.keySet());
    }

    /** Caller has checked the key is free. */
    void insert(List<Object> row) {
        List<Object> r = Collections.unmodifiableList(new ArrayList<>(row));
        if (byKey != null) {
            if (byKey.putIfAbsent(spec.keyOf(r), r) != null) {
                throw new IllegalStateException("workload bug: duplicate key " + spec.keyOf(r) + " in " + spec.name());
            }
        } else {
            heap.add(r);
        }
    }

    List<List<Object>> matching(Predicate<List<Object>> where) {
        return rows().stream().filter(where).toList();
    }

    /** Rewrites every row {@code where} matches; the caller has checked that new keys are free. */
    int update(Predicate<List<Object>> where, UnaryOperator<List<Object>> set) {
        if (byKey == null) {
            int n = 0;
            for (int i = 0; i < heap.size(); i++) {
                if (where.test(heap.get(i))) {
                    heap.set(i, Collections.unmodifiableList(new ArrayList<>(set.apply(heap.get(i)))));
                    n++;
                }
            }
            return n;
        }
        List<Map.Entry<List<Object>, List<Object>>> hits = byKey.entrySet().stream()
                .filter(e -> where.test(e.getValue())).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
        for (Map.Entry<List<Object>, List<Object>> e : hits) {
            byKey.remove(e.getKey());
        }
        for (Map.Entry<List<Object>, List<Object>> e : hits) {
            insert(set.apply(e.getValue()));
        }
        return hits.size();
    }

    int delete(Predicate<List<Object>> where) {
        if (byKey == null) {
            int before = heap.size();
            heap.removeIf(where);
            return before - heap.size();
        }
        int before = byKey.size();
        byKey.values().removeIf(where);
        return before - byKey.size();
    }
}
