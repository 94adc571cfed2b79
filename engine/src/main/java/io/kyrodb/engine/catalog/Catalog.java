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
    private final long version;

    private Catalog(Map<String, Table> tables, Map<String, Index> indexes) {
        this.tables = Collections.unmodifiableMap(tables);
        this.indexes = Collections.unmodifiableMap(indexes);
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

    /**
     * What the last ANALYZE (or auto-analyze) learned about table {@code name} (row count and per
     * column: NULL share, distinct values, min/max, most common values, histogram), or null when
     * the table does not exist or was not analyzed yet. Read-only, for pg_stats-like views.
     */
    public io.kyrodb.engine.stats.TableStatistics statistics(String name) {
        Table t = tables.get(name);
        return t == null ? null : t.statistics();
    }

    /** This catalog plus {@code table} (replacing one of the same name). */
    public Catalog with(Table table) {
        TreeMap<String, Table> next = new TreeMap<>(tables);
        next.put(table.name(), table);
        return new Catalog(next, new TreeMap<>(indexes));
    }

    /** This catalog without the table {@code name} and its indexes. */
    public Catalog without(String name) {
        TreeMap<String, Table> next = new TreeMap<>(tables);
        next.remove(name);
        TreeMap<String, Index> nextIndexes = new TreeMap<>(indexes);
        nextIndexes.values().removeIf(i -> i.table().equals(name));
        return new Catalog(next, nextIndexes);
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

    /** Whether {@code name} is taken by a table or an index (they share one namespace, as in Postgres). */
    public boolean hasRelation(String name) {
        return tables.containsKey(name) || indexes.containsKey(name);
    }

    public Catalog with(Index index) {
        TreeMap<String, Index> next = new TreeMap<>(indexes);
        next.put(index.name(), index);
        return new Catalog(new TreeMap<>(tables), next);
    }

    public Catalog withoutIndex(String name) {
        TreeMap<String, Index> next = new TreeMap<>(indexes);
        next.remove(name);
        return new Catalog(new TreeMap<>(tables), next);
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
