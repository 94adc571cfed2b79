package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.ForeignKeyInfo;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.TableInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the system views and functions answer from: the catalog a statement binds against (so a
 * view agrees with the tables the same statement sees, and prepared statements rebind when it
 * changes) and the session's identity. {@code settings} is read when a view is scanned, since
 * {@code SET} changes settings without changing the catalog.
 */
public record SystemContext(Catalog catalog, String user, String database, int backendPid,
                            Supplier<List<SettingRow>> settings, io.kyrodb.engine.catalog.SearchPath searchPath,
                            java.util.function.Function<io.kyrodb.engine.catalog.View,
                                    List<io.kyrodb.engine.catalog.Column>> viewColumns,
                            Supplier<List<io.kyrodb.engine.vector.BuildProgress>> indexBuilds,
                            SessionCalls calls) {

    /** Without index builds to report (pg_stat_progress_create_index is then empty). */
    public SystemContext(Catalog catalog, String user, String database, int backendPid,
                         Supplier<List<SettingRow>> settings, io.kyrodb.engine.catalog.SearchPath searchPath,
                         java.util.function.Function<io.kyrodb.engine.catalog.View,
                                 List<io.kyrodb.engine.catalog.Column>> viewColumns) {
        this(catalog, user, database, backendPid, settings, searchPath, viewColumns, List::of,
                SessionCalls.NONE);
    }

    /** One row of pg_settings. {@code context}: user (SET changes it), postmaster or internal (fixed). */
    public record SettingRow(String name, String value, String defaultValue, String context, String description) {
    }

    /** The user reported when the connection gave none: KyroDB is embedded and has no accounts. */
    public static final String DEFAULT_USER = "kyro";

    /** For binders that run without a session (tests, tools): the default user, no settings. */
    public static SystemContext of(Catalog catalog) {
        return new SystemContext(catalog, DEFAULT_USER, "kyro", 0, List::of,
                io.kyrodb.engine.catalog.SearchPath.of(io.kyrodb.engine.catalog.SearchPath.DEFAULT, DEFAULT_USER),
                v -> List.of());
    }

    /** The same session resolving names along {@code path} (a view's query, along the path it was created with). */
    public SystemContext withSearchPath(io.kyrodb.engine.catalog.SearchPath path) {
        return new SystemContext(catalog, user, database, backendPid, settings, path, viewColumns, indexBuilds,
                calls);
    }

    /** current_schema(): the first schema of the search_path that exists, or null. */
    public String currentSchema() {
        List<String> e = currentSchemas(false);
        return e.isEmpty() ? null : e.get(0);
    }

    /** current_schemas(implicit): the path's existing schemas, pg_catalog first when implicit (and not listed). */
    public List<String> currentSchemas(boolean implicit) {
        List<String> out = new ArrayList<>();
        if (implicit && !searchPath.names().contains(SystemViews.PG_CATALOG)) {
            out.add(SystemViews.PG_CATALOG);
        }
        for (String n : searchPath.names()) {   // the path's schemas that exist, pg_catalog and information_schema too
            String s = n.equals("$user") ? user : n;
            if ((catalog.hasSchema(s) || SystemViews.isSystemSchema(s)) && !out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /**
     * A user view's columns (names and types), found by binding its query; empty when it no
     * longer binds (a table it read was changed). {@code viewColumns} is the session's binder.
     */
    public List<io.kyrodb.engine.catalog.Column> columnsOf(io.kyrodb.engine.catalog.View v) {
        try {
            return viewColumns.apply(v);
        } catch (RuntimeException broken) {
            return List.of();
        }
    }

    /** Every table of the catalog with its secondary indexes, by name (the same list DatabaseMetaData reads). */
    public List<TableInfo> tables() {
        return tablesOf(catalog);
    }

    /** Whether {@code t} is a materialized view's table. */
    public boolean isMaterialized(TableInfo t) {
        return catalog.materializedView(io.kyrodb.engine.catalog.SchemaNames.key(t.schema(), t.name())) != null;
    }

    /** Every foreign key of the catalog ({@link ForeignKeys}). */
    public List<ForeignKeyInfo> foreignKeys() {
        return ForeignKeys.of(catalog);
    }

    public static List<TableInfo> tablesOf(Catalog catalog) {
        List<TableInfo> out = new ArrayList<>();
        for (Table t : catalog.tables()) {
            List<io.kyrodb.engine.catalog.IndexInfo> indexes = new ArrayList<>(
                    catalog.indexesOf(t.name()).stream().map(i -> i.info(t)).map(i -> new io.kyrodb.engine.catalog.IndexInfo(
                            io.kyrodb.engine.catalog.SchemaNames.localOf(i.name()), i.unique(), i.columns(),
                            i.descending(), i.predicate(), i.expression(), i.nullsFirst(), i.include(), i.method(),
                            i.opclass())).toList());
            for (io.kyrodb.engine.catalog.VectorIndexDef v : catalog.vectorIndexesOf(t.name())) {   // USING hnsw
                indexes.add(new io.kyrodb.engine.catalog.IndexInfo(io.kyrodb.engine.catalog.SchemaNames.localOf(v.name()), false,
                        List.of(t.columns().get(v.column()).name()), List.of(false)));
            }
            out.add(t.info().withIndexes(List.copyOf(indexes)));
        }
        return out;
    }
}
