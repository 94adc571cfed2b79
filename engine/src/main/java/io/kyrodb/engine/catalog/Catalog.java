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
    private final Map<String, VectorIndexDef> vectorIndexes;
    private final long version;

    private Catalog(Map<String, Table> tables, Map<String, Index> indexes) {
        this(tables, indexes, Map.of());
    }

    private Catalog(Map<String, Table> tables, Map<String, Index> indexes, Map<String, VectorIndexDef> vectorIndexes) {
        this.tables = Collections.unmodifiableMap(tables);
        this.indexes = Collections.unmodifiableMap(indexes);
        this.vectorIndexes = Collections.unmodifiableMap(vectorIndexes);
        this.version = VERSIONS.incrementAndGet();
    }

    public static Catalog empty() {
        return new Catalog(new TreeMap<>(), new TreeMap<>());
    }

    // ---- Vector (HNSW) indexes: definitions only, their graphs are derived (engine vector/) -----

    public VectorIndexDef vectorIndex(String name) {
        return vectorIndexes.get(name);
    }

    public List<VectorIndexDef> vectorIndexes() {
        return new ArrayList<>(vectorIndexes.values());
    }

    /** The HNSW indexes of table {@code table}, by name. */
    public List<VectorIndexDef> vectorIndexesOf(String table) {
        List<VectorIndexDef> out = new ArrayList<>();
        for (VectorIndexDef v : vectorIndexes.values()) {
            if (v.table().equals(table)) {
                out.add(v);
            }
        }
        return out;
    }

    public Catalog with(VectorIndexDef index) {
        TreeMap<String, VectorIndexDef> next = new TreeMap<>(vectorIndexes);
        next.put(index.name(), index);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), next);
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
        return new Catalog(next, new TreeMap<>(indexes), new TreeMap<>(vectorIndexes));
    }

    /** This catalog without the table {@code name} and its indexes. */
    public Catalog without(String name) {
        TreeMap<String, Table> next = new TreeMap<>(tables);
        next.remove(name);
        TreeMap<String, Index> nextIndexes = new TreeMap<>(indexes);
        nextIndexes.values().removeIf(i -> i.table().equals(name));
        TreeMap<String, VectorIndexDef> nextVectors = new TreeMap<>(vectorIndexes);
        nextVectors.values().removeIf(v -> v.table().equals(name));
        return new Catalog(next, nextIndexes, nextVectors);
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
        return tables.containsKey(name) || indexes.containsKey(name) || vectorIndexes.containsKey(name);
    }

    public Catalog with(Index index) {
        TreeMap<String, Index> next = new TreeMap<>(indexes);
        next.put(index.name(), index);
        return new Catalog(new TreeMap<>(tables), next, new TreeMap<>(vectorIndexes));
    }

    /** This catalog without the index {@code name}, ordered or HNSW. */
    public Catalog withoutIndex(String name) {
        TreeMap<String, Index> next = new TreeMap<>(indexes);
        next.remove(name);
        TreeMap<String, VectorIndexDef> nextVectors = new TreeMap<>(vectorIndexes);
        nextVectors.remove(name);
        return new Catalog(new TreeMap<>(tables), next, nextVectors);
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
