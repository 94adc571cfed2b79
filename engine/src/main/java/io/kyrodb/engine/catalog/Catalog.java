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
    private final Map<String, Sequence> sequences;
    private final Map<String, View> views;
    private final long version;

    private Catalog(Map<String, Table> tables, Map<String, Index> indexes, Map<String, Sequence> sequences,
                    Map<String, View> views) {
        this.tables = Collections.unmodifiableMap(tables);
        this.indexes = Collections.unmodifiableMap(indexes);
        this.sequences = Collections.unmodifiableMap(sequences);
        this.views = Collections.unmodifiableMap(new TreeMap<>(views));
        this.version = VERSIONS.incrementAndGet();
    }

    public static Catalog empty() {
        return new Catalog(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
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
        return new Catalog(next, new TreeMap<>(indexes), new TreeMap<>(sequences), views);
    }

    /** This catalog without the table {@code name}, its indexes and the sequences its columns own. */
    public Catalog without(String name) {
        TreeMap<String, Table> next = new TreeMap<>(tables);
        next.remove(name);
        TreeMap<String, Index> nextIndexes = new TreeMap<>(indexes);
        nextIndexes.values().removeIf(i -> i.table().equals(name));
        TreeMap<String, Sequence> nextSequences = new TreeMap<>(sequences);
        nextSequences.values().removeIf(s -> s.ownedBy() != null && s.ownedBy().startsWith(name + "."));
        return new Catalog(next, nextIndexes, nextSequences, views);
    }

    // ---- Sequences ----------------------------------------------------------------------------

    public Sequence sequence(String name) {
        return sequences.get(name);
    }

    /** Every sequence, by name. */
    public List<Sequence> sequences() {
        return new ArrayList<>(sequences.values());
    }

    /** The sequence owned by {@code table.column} (SERIAL, identity), or null. */
    public Sequence ownedSequence(String table, String column) {
        String owner = table + "." + column;
        for (Sequence s : sequences.values()) {
            if (owner.equals(s.ownedBy())) {
                return s;
            }
        }
        return null;
    }

    public Catalog with(Sequence sequence) {
        TreeMap<String, Sequence> next = new TreeMap<>(sequences);
        next.put(sequence.name(), sequence);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), next, views);
    }

    public Catalog withoutSequence(String name) {
        TreeMap<String, Sequence> next = new TreeMap<>(sequences);
        next.remove(name);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), next, views);
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

    /** Whether {@code name} is taken by a table, an index, a sequence or a view (one namespace, as in Postgres). */
    public boolean hasRelation(String name) {
        return tables.containsKey(name) || indexes.containsKey(name) || sequences.containsKey(name)
                || views.containsKey(name);
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
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), next);
    }

    public Catalog withoutView(String name) {
        TreeMap<String, View> next = new TreeMap<>(views);
        next.remove(name);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), next);
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
        return new Catalog(new TreeMap<>(tables), next, new TreeMap<>(sequences), views);
    }

    public Catalog withoutIndex(String name) {
        TreeMap<String, Index> next = new TreeMap<>(indexes);
        next.remove(name);
        return new Catalog(new TreeMap<>(tables), next, new TreeMap<>(sequences), views);
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
