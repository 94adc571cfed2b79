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
    private final Map<String, Index> indexes;
    private final Map<String, View> views;
    private final long version;

    private Catalog(Map<String, Table> tables, Map<String, Index> indexes) {
        this(tables, indexes, Map.of());
    }

    private Catalog(Map<String, Table> tables, Map<String, Index> indexes, Map<String, View> views) {
        this.tables = Collections.unmodifiableMap(tables);
        this.indexes = Collections.unmodifiableMap(indexes);
        this.views = Collections.unmodifiableMap(new TreeMap<>(views));
        this.version = VERSIONS.incrementAndGet();
    }

    public static Catalog empty() {
        return new Catalog(new TreeMap<>(), new TreeMap<>());
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
        return new Catalog(next, new TreeMap<>(indexes), views);
    }

    /** This catalog without the table {@code name} and its indexes. */
    public Catalog without(String name) {
        TreeMap<String, Table> next = new TreeMap<>(tables);
        next.remove(name);
        TreeMap<String, Index> nextIndexes = new TreeMap<>(indexes);
        nextIndexes.values().removeIf(i -> i.table().equals(name));
        return new Catalog(next, nextIndexes, views);
    }

    // ---- Indexes ------------------------------------------------------------------------------

    public Index index(String name) {
        return indexes.get(name);
    }

    public List<Index> indexes() {
        return new ArrayList<>(indexes.values());
    }

    /** The indexes of table {@code table}, by name. */
    public List<Index> indexesOf(String table) {
        List<Index> out = new ArrayList<>();
        for (Index i : indexes.values()) {
            if (i.table().equals(table)) {
                out.add(i);
            }
        }
        return out;
    }

    /** Whether {@code name} is taken by a table, an index or a view (they share one namespace, as in Postgres). */
    public boolean hasRelation(String name) {
        return tables.containsKey(name) || indexes.containsKey(name) || views.containsKey(name);
    }

    // ---- Views ----------------------------------------------------------------------------------

    public View view(String name) {
        return views.get(name);
    }

    public List<View> views() {
        return new ArrayList<>(views.values());
    }

    /** This catalog plus {@code view} (replacing one of the same name). */
    public Catalog with(View view) {
        TreeMap<String, View> next = new TreeMap<>(views);
        next.put(view.name(), view);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), next);
    }

    public Catalog withoutView(String name) {
        TreeMap<String, View> next = new TreeMap<>(views);
        next.remove(name);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), next);
    }

    /** The views that read {@code relation} (a table or a view), by name. */
    public List<String> viewsOn(String relation) {
        List<String> out = new ArrayList<>();
        for (View v : views.values()) {
            if (v.dependsOn().contains(relation)) {
                out.add(v.name());
            }
        }
        return out;
    }

    public Catalog with(Index index) {
        TreeMap<String, Index> next = new TreeMap<>(indexes);
        next.put(index.name(), index);
        return new Catalog(new TreeMap<>(tables), next, views);
    }

    public Catalog withoutIndex(String name) {
        TreeMap<String, Index> next = new TreeMap<>(indexes);
        next.remove(name);
        return new Catalog(new TreeMap<>(tables), next, views);
    }

    // ---- For the storage layer: tables and index entries alike -------------------------------

    /** The table or index storage that WAL records name {@code name}, or null. */
    public Table stored(String name) {
        Table t = tables.get(name);
        if (t != null) {
            return t;
        }
        Index i = indexes.get(name);
        return i == null ? null : i.storage();
    }

    /** Every table and every index's storage: what flushes, compaction and checkpoints cover. */
    public List<Table> storedTables() {
        List<Table> out = new ArrayList<>(tables.values());
        for (Index i : indexes.values()) {
            out.add(i.storage());
        }
        return out;
    }

    public long version() {
        return version;
    }
}
