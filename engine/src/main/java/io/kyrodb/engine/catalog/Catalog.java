package io.kyrodb.engine.catalog;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The tables of one database as of some commit: immutable, so a snapshot keeps the catalog it
 * started with while DDL builds a new one ({@link #with}, {@link #without}) inside a transaction.
 * Every instance has a distinct {@link #version()}; prepared statements rebind when it changes.
 */
public final class Catalog {
    private static final AtomicLong VERSIONS = new AtomicLong();

    private final Map<String, Table> tables;
    private final long version;

    private Catalog(Map<String, Table> tables) {
        this.tables = Collections.unmodifiableMap(tables);
        this.version = VERSIONS.incrementAndGet();
    }

    public static Catalog empty() {
        return new Catalog(new TreeMap<>());
    }

    public Table table(String name) {
        return tables.get(name);
    }

    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    public List<String> tableNames() {
        return new ArrayList<>(tables.keySet());
    }

    /** This catalog plus {@code table} (replacing one of the same name). */
    public Catalog with(Table table) {
        TreeMap<String, Table> next = new TreeMap<>(tables);
        next.put(table.name(), table);
        return new Catalog(next);
    }

    /** This catalog without the table {@code name}. */
    public Catalog without(String name) {
        TreeMap<String, Table> next = new TreeMap<>(tables);
        next.remove(name);
        return new Catalog(next);
    }

    public long version() {
        return version;
    }
}
