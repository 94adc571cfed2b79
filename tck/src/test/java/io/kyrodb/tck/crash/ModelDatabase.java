package io.kyrodb.tck.crash;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** The oracle: every table of the database as the workload's committed statements leave it. */
final class ModelDatabase {
    private final TreeMap<String, ModelTable> tables = new TreeMap<>();

    ModelDatabase copy() {
        ModelDatabase d = new ModelDatabase();
        tables.forEach((name, t) -> d.tables.put(name, t.copy()));
        return d;
    }

    boolean isEmpty() {
        return tables.isEmpty();
    }

    ModelTable table(String name) {
        return tables.get(name);
    }

    List<ModelTable> tables() {
        return new ArrayList<>(tables.values());
    }

    void create(TableSpec spec) {
        if (tables.putIfAbsent(spec.name(), new ModelTable(spec)) != null) {
            throw new IllegalStateException("workload bug: table " + spec.name() + " exists");
        }
    }

    void drop(String name) {
        tables.remove(name);
    }
}
