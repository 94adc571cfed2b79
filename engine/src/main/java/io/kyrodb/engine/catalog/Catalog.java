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
    private final Map<String, VectorIndexDef> vectorIndexes;
    /** The schemas that exist (public until it is dropped); objects of other schemas are keyed {@code schema.name}. */
    private final java.util.SortedSet<String> schemas;
    /** COMMENT ON texts by {@link #relationComment}, {@link #columnComment} or {@link #schemaComment} key. */
    private final Map<String, String> comments;
    /** The tables that are materialized views, by the table's key. */
    private final Map<String, MaterializedView> materializedViews;
    /** CREATE FUNCTION's functions by key ({@link UserFunction#key()}), each key's overloads in creation order. */
    private final Map<String, List<UserFunction>> functions;
    /** User-defined types (enums, domains) by key: {@code name} in public, else {@code schema.name}. */
    private final Map<String, io.kyrodb.engine.types.UserType> types;
    /** Triggers (CREATE TRIGGER); functions are {@link #functions}. */
    private final Routines routines;
    /** Roles, privileges and NOT VALID constraints (CREATE ROLE, GRANT, ADD CONSTRAINT ... NOT VALID). */
    private final Access access;
    private final long version;

    private Catalog(Map<String, Table> tables, Map<String, Index> indexes, Map<String, Sequence> sequences,
                    Map<String, View> views, Map<String, VectorIndexDef> vectorIndexes,
                    java.util.SortedSet<String> schemas, Map<String, String> comments,
                    Map<String, MaterializedView> materializedViews,
                    Map<String, io.kyrodb.engine.types.UserType> types, Map<String, List<UserFunction>> functions,
                    Routines routines, Access access) {
        this.access = access;
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
        this.functions = Collections.unmodifiableMap(new TreeMap<>(functions));
        this.routines = routines;
        this.materializedViews = Collections.unmodifiableMap(new TreeMap<>(materializedViews));
        this.schemas = Collections.unmodifiableSortedSet(new java.util.TreeSet<>(schemas));
        this.comments = Collections.unmodifiableMap(new TreeMap<>(comments));
        this.tables = Collections.unmodifiableMap(tables);
        this.indexes = Collections.unmodifiableMap(indexes);
        this.sequences = Collections.unmodifiableMap(sequences);
        this.views = Collections.unmodifiableMap(new TreeMap<>(views));
        this.vectorIndexes = Collections.unmodifiableMap(vectorIndexes);
        this.version = VERSIONS.incrementAndGet();
    }

    public static Catalog empty() {
        return new Catalog(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
                new java.util.TreeSet<>(List.of(SchemaNames.PUBLIC)), Map.of(), Map.of(), Map.of(), Map.of(),
                Routines.EMPTY, Access.EMPTY);
    }

    /** This catalog's schemas and comments with other objects (every change but schemas and comments). */
    private Catalog copy(Map<String, Table> tables, Map<String, Index> indexes, Map<String, Sequence> sequences,
                         Map<String, View> views, Map<String, VectorIndexDef> vectorIndexes) {
        return new Catalog(tables, indexes, sequences, views, vectorIndexes, schemas, comments, materializedViews, types, functions, routines, access);
    }

    /** The same objects with {@code comments} (used where a drop also drops what was said about the object). */
    private Catalog commented(Map<String, String> comments) {
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), schemas, comments, materializedViews, types, functions, routines, access);
    }

    // ---- Schemas and comments ------------------------------------------------------------------

    /** The schemas that exist, by name. */
    public List<String> schemas() {
        return new ArrayList<>(schemas);
    }

    public boolean hasSchema(String name) {
        return schemas.contains(name);
    }

    public Catalog withSchema(String name) {
        java.util.TreeSet<String> next = new java.util.TreeSet<>(schemas);
        next.add(name);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), next, comments, materializedViews, types, functions, routines, access);
    }

    /** This catalog without schema {@code name} and its comment (its objects must be dropped first). */
    public Catalog withoutSchema(String name) {
        java.util.TreeSet<String> next = new java.util.TreeSet<>(schemas);
        next.remove(name);
        TreeMap<String, String> nextComments = new TreeMap<>(comments);
        nextComments.remove(schemaComment(name));
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), next, nextComments, materializedViews, types,
                functions.entrySet().stream().filter(e -> !SchemaNames.schemaOf(e.getKey()).equals(name))
                        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), routines, access);
    }

    /** The catalog keys of the relations (tables, views, sequences, indexes) in schema {@code schema}. */
    public List<String> relationsIn(String schema) {
        List<String> out = new ArrayList<>();
        for (var keys : List.of(tables.keySet(), views.keySet(), sequences.keySet(), indexes.keySet(),
                vectorIndexes.keySet())) {
            for (String k : keys) {
                if (SchemaNames.schemaOf(k).equals(schema)) {
                    out.add(k);
                }
            }
        }
        return out;
    }

    public static String relationComment(String key) {
        return "r:" + key;
    }

    public static String columnComment(String tableKey, String column) {
        return "c:" + tableKey + "\u0000" + column;
    }

    public static String schemaComment(String schema) {
        return "n:" + schema;
    }

    /** The comment under {@code key} ({@link #relationComment} ...), or null. */
    public String comment(String key) {
        return comments.get(key);
    }

    /** Every comment by key (for pg_description and the checkpoint). */
    public Map<String, String> comments() {
        return comments;
    }

    /** This catalog with {@code text} as the comment under {@code key} ({@code text} null: none). */
    public Catalog withComment(String key, String text) {
        TreeMap<String, String> next = new TreeMap<>(comments);
        if (text == null) {
            next.remove(key);
        } else {
            next.put(key, text);
        }
        return commented(next);
    }

    /** {@code comments} without those of relation {@code key} and of its columns. */
    private static TreeMap<String, String> uncommented(Map<String, String> comments, String key) {
        TreeMap<String, String> next = new TreeMap<>(comments);
        next.remove(relationComment(key));
        next.keySet().removeIf(k -> k.startsWith(columnComment(key, "")));
        return next;
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
        return copy(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views, next);
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
        Table before = next.put(table.name(), table);
        TreeMap<String, Index> nextIndexes = new TreeMap<>(indexes);
        if (before != null) {
            // a new definition over the same rows: expression and partial indexes follow renamed columns
            nextIndexes.replaceAll((n, i) -> i.table().equals(table.name()) ? i.over(before, table) : i);
        }
        return copy(next, nextIndexes, new TreeMap<>(sequences), views, new TreeMap<>(vectorIndexes));
    }

    /** This catalog without the table {@code name}, its indexes and the sequences its columns own. */
    public Catalog without(String name) {
        TreeMap<String, Table> next = new TreeMap<>(tables);
        next.remove(name);
        TreeMap<String, Index> nextIndexes = new TreeMap<>(indexes);
        nextIndexes.values().removeIf(i -> i.table().equals(name));
        TreeMap<String, VectorIndexDef> nextVectors = new TreeMap<>(vectorIndexes);
        nextVectors.values().removeIf(v -> v.table().equals(name));
        TreeMap<String, Sequence> nextSequences = new TreeMap<>(sequences);
        TreeMap<String, String> nextComments = uncommented(comments, name);
        for (Index i : indexes.values()) {
            if (i.table().equals(name)) {
                nextComments.remove(relationComment(i.name()));
            }
        }
        for (VectorIndexDef v : vectorIndexes.values()) {
            if (v.table().equals(name)) {
                nextComments.remove(relationComment(v.name()));
            }
        }
        for (Sequence s : sequences.values()) {
            if (s.ownerTable() != null && s.ownerTable().equals(name)) {
                nextComments.remove(relationComment(s.name()));
            }
        }
        nextSequences.values().removeIf(s -> name.equals(s.ownerTable()));
        TreeMap<String, MaterializedView> nextMaterialized = new TreeMap<>(materializedViews);
        nextMaterialized.remove(name);
        return new Catalog(next, nextIndexes, nextSequences, views, nextVectors, schemas, nextComments, nextMaterialized, types,
                functions, routines.withoutTable(name), access);
    }

    /** The table key of the column that owns {@code s} ({@code table.column}), or null. */

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
        return copy(new TreeMap<>(tables), new TreeMap<>(indexes), next, views, new TreeMap<>(vectorIndexes));
    }

    public Catalog withoutSequence(String name) {
        TreeMap<String, Sequence> next = new TreeMap<>(sequences);
        next.remove(name);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), next, views, new TreeMap<>(vectorIndexes),
                schemas, uncommented(comments, name), materializedViews, types, functions, routines, access);
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
                || views.containsKey(name)
                || vectorIndexes.containsKey(name);
    }

    // ---- Functions (CREATE FUNCTION) -------------------------------------------------------------

    /** The overloads of function {@code key} (empty when none). */
    public List<UserFunction> functions(String key) {
        return functions.getOrDefault(key, List.of());
    }

    /** Every user function, by key and then in creation order. */
    public List<UserFunction> functions() {
        List<UserFunction> out = new ArrayList<>();
        functions.values().forEach(out::addAll);
        return out;
    }

    /** This catalog with {@code f}, replacing the overload with the same argument types (CREATE OR REPLACE). */
    public Catalog with(UserFunction f) {
        TreeMap<String, List<UserFunction>> next = new TreeMap<>(functions);
        List<UserFunction> overloads = new ArrayList<>(functions(f.key()));
        int at = -1;
        for (int i = 0; i < overloads.size(); i++) {
            if (overloads.get(i).hasArgumentTypes(f.argumentTypes())) {
                at = i;
            }
        }
        if (at >= 0) {
            overloads.set(at, f);
        } else {
            overloads.add(f);
        }
        next.put(f.key(), List.copyOf(overloads));
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), schemas, comments, materializedViews, types, next, routines, access);
    }

    /** This catalog without the overload of {@code key} taking {@code argumentTypes}. */
    public Catalog withoutFunction(String key, List<io.kyrodb.engine.types.SqlType> argumentTypes) {
        TreeMap<String, List<UserFunction>> next = new TreeMap<>(functions);
        List<UserFunction> overloads = new ArrayList<>(functions(key));
        overloads.removeIf(f -> f.hasArgumentTypes(argumentTypes));
        if (overloads.isEmpty()) {
            next.remove(key);
        } else {
            next.put(key, List.copyOf(overloads));
        }
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), schemas, comments, materializedViews, types, next, routines, access);
    }

    // ---- Materialized views ---------------------------------------------------------------------

    /** The materialized view table {@code name} is, or null when it is an ordinary table (or none). */
    public MaterializedView materializedView(String name) {
        return materializedViews.get(name);
    }

    /** Whether any table is a materialized view. */
    public boolean hasMaterializedViews() {
        return !materializedViews.isEmpty();
    }

    public List<MaterializedView> materializedViews() {
        return new ArrayList<>(materializedViews.values());
    }

    /** This catalog with {@code m} (its table must exist): new, or refreshed ({@link MaterializedView#populated}). */
    public Catalog with(MaterializedView m) {
        TreeMap<String, MaterializedView> next = new TreeMap<>(materializedViews);
        next.put(m.name(), m);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), schemas, comments, next, types, functions, routines, access);
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
        return copy(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), next,
                new TreeMap<>(vectorIndexes));
    }

    public Catalog withoutView(String name) {
        TreeMap<String, View> next = new TreeMap<>(views);
        next.remove(name);
        if (comments.containsKey(relationComment(name)) || comments.keySet().stream()
                .anyMatch(k -> k.startsWith(columnComment(name, "")))) {
            return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), next,
                    new TreeMap<>(vectorIndexes), schemas, uncommented(comments, name), materializedViews, types, functions, routines, access);
        }
        return copy(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), next,
                new TreeMap<>(vectorIndexes));
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
        return copy(new TreeMap<>(tables), next, new TreeMap<>(sequences), views, new TreeMap<>(vectorIndexes));
    }

    /** This catalog without the index {@code name}, ordered or HNSW. */
    public Catalog withoutIndex(String name) {
        TreeMap<String, Index> next = new TreeMap<>(indexes);
        next.remove(name);
        TreeMap<String, VectorIndexDef> nextVectors = new TreeMap<>(vectorIndexes);
        nextVectors.remove(name);
        return new Catalog(new TreeMap<>(tables), next, new TreeMap<>(sequences), views, nextVectors, schemas,
                uncommented(comments, name), materializedViews, types, functions, routines, access);
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

    // ---- User-defined types ---------------------------------------------------------------------

    public io.kyrodb.engine.types.UserType type(String key) {
        return types.get(key);
    }

    public List<io.kyrodb.engine.types.UserType> types() {
        return new ArrayList<>(types.values());
    }

    /** The type with OID {@code oid}, or null. */
    public io.kyrodb.engine.types.UserType typeByOid(int oid) {
        for (io.kyrodb.engine.types.UserType t : types.values()) {
            if (t.oid() == oid) {
                return t;
            }
        }
        return null;
    }

    // ---- Triggers ----------------------------------------------------------------------------

    public Routines routines() {
        return routines;
    }

    /** The function a trigger executes: the overload of {@code key} without arguments that returns trigger, or null. */
    public UserFunction triggerFunction(String key) {
        for (UserFunction f : functions(key)) {
            if (f.arguments().isEmpty() && f.returnsTrigger()) {
                return f;
            }
        }
        return null;
    }

    /**
     * This catalog with {@code type} (new, or a new definition of one with the same OID, maybe
     * under a new key); the tables whose columns are of it get the new definition too.
     */
    public Catalog with(io.kyrodb.engine.types.UserType type) {
        TreeMap<String, io.kyrodb.engine.types.UserType> next = new TreeMap<>(types);
        next.values().removeIf(t -> t.oid() == type.oid());
        next.put(type.key(), type);
        Catalog c = new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), schemas, comments, materializedViews, next, functions, routines, access);
        for (Table t : tables.values()) {
            List<Column> columns = UserTypes.resolve(c, t.columns());
            if (!columns.equals(t.columns()) || UserTypes.uses(t.columns(), type.oid())) {
                c = c.with(t.redefine(columns, t.checks(), t.foreignKeys()));
            }
        }
        return c;
    }

    public Catalog withoutType(String key) {
        TreeMap<String, io.kyrodb.engine.types.UserType> next = new TreeMap<>(types);
        next.remove(key);
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), schemas, comments, materializedViews, next, functions, routines, access);
    }

    /** This catalog with {@code next} as its triggers. */
    public Catalog with(Routines next) {
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), schemas, comments, materializedViews, types, functions, next, access);
    }

    public Access access() {
        return access;
    }

    /** This catalog with {@code next} as its roles, privileges and NOT VALID constraints. */
    public Catalog with(Access next) {
        return new Catalog(new TreeMap<>(tables), new TreeMap<>(indexes), new TreeMap<>(sequences), views,
                new TreeMap<>(vectorIndexes), schemas, comments, materializedViews, types, functions, routines, next);
    }

    public long version() {
        return version;
    }
}
