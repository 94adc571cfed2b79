package io.kyrodb.engine.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tables of one database, by name. Changed only under the database's write lock; every change
 * bumps {@link #version()}, which tells prepared statements to bind again.
 */
public final class Catalog {
    private final Map<String, Table> tables = new TreeMap<>();
    private long version;

    public Table table(String name) {
        return tables.get(name);
    }

    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    public List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }

    public void add(Table table) {
        tables.put(table.name(), table);
        version++;
    }

    public void remove(String name) {
        tables.remove(name);
        version++;
    }

    public long version() {
        return version;
    }
}
