package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.SearchPath;
import io.kyrodb.engine.types.RegClass;

import java.util.HashMap;
import java.util.Map;

/**
 * PostgreSQL's {@code regclass} input and output against the catalog a statement sees: a name
 * ({@code t}, {@code s.t}, {@code "T"}, resolved along the search_path, pg_catalog's views first as
 * in Postgres; 42P01 when there is none) or an OID gives the relation, which prints as its name,
 * schema-qualified only when its bare name would not find it along the search_path.
 */
public final class RegClasses {
    private RegClasses() {
    }

    /** {@code value} (text, an integer OID or a regclass) as a regclass; null stays null. */
    public static RegClass of(SystemContext ctx, Object value) {
        return switch (value) {
            case null -> null;
            case RegClass r -> r;
            case Number n -> ofOid(ctx, n.longValue(), null);
            default -> parse(ctx, io.kyrodb.engine.types.Values.toText(value));
        };
    }

    /** {@code 'name'::regclass}: 42P01 when no relation has the name; digits are an OID. */
    public static RegClass parse(SystemContext ctx, String text) {
        String t = text.strip();
        if (t.matches("[0-9]+")) {
            return ofOid(ctx, Long.parseLong(t), null);
        }
        String[] parts = SearchPath.parseQualified(t);
        Catalog catalog = ctx.catalog();
        if (parts[0] != null) {
            if (SystemViews.find(parts[0], parts[1]) != null) {
                return of(ctx, parts[0], parts[1], null);
            }
            if (!SystemViews.isSystemSchema(parts[0]) && !catalog.hasSchema(parts[0])) {
                throw new KyroException(SqlState.INVALID_SCHEMA_NAME, "schema \"" + parts[0] + "\" does not exist");
            }
            String key = SchemaNames.key(parts[0], parts[1]);
            if (!SystemViews.isSystemSchema(parts[0]) && exists(catalog, key)) {
                return of(ctx, parts[0], parts[1], key);
            }
        } else {
            if (SystemViews.find(SystemViews.PG_CATALOG, parts[1]) != null) {
                return of(ctx, SystemViews.PG_CATALOG, parts[1], null);
            }
            String key = ctx.searchPath().find(catalog, parts[1], k -> exists(catalog, k));
            if (key != null) {
                return of(ctx, SchemaNames.schemaOf(key), SchemaNames.localOf(key), key);
            }
        }
        throw new KyroException(SqlState.UNDEFINED_TABLE, "relation \"" + t + "\" does not exist");
    }

    /**
     * {@code oid::regclass}: the relation with that OID, or the OID's digits when none has it.
     * {@code cache} (may be null) keeps the OID -> relation map of the catalog between calls.
     */
    public static RegClass ofOid(SystemContext ctx, long oid, Map<Long, String[]> cache) {
        Map<Long, String[]> byOid = cache != null && !cache.isEmpty() ? cache : byOid(ctx);
        if (cache != null && cache.isEmpty()) {
            cache.putAll(byOid);
        }
        String[] r = byOid.get(oid);
        if (r == null) {
            return new RegClass(oid, Long.toString(oid), null);
        }
        return of(ctx, r[0], r[1], SystemViews.isSystemSchema(r[0]) ? null : SchemaNames.key(r[0], r[1]));
    }

    private static boolean exists(Catalog catalog, String key) {
        return catalog.hasRelation(key) || isPrimaryKeyIndex(catalog, key);
    }

    private static boolean isPrimaryKeyIndex(Catalog catalog, String key) {
        if (!key.endsWith("_pkey")) {
            return false;
        }
        io.kyrodb.engine.catalog.Table t = catalog.table(key.substring(0, key.length() - "_pkey".length()));
        return t != null && t.hasPrimaryKey();
    }

    private static RegClass of(SystemContext ctx, String schema, String name, String key) {
        return new RegClass(Relations.oid(schema, name), visible(ctx, schema, name, key) ? quote(name)
                : quote(schema) + "." + quote(name), key);
    }

    private static boolean visible(SystemContext ctx, String schema, String name, String key) {
        if (SystemViews.isSystemSchema(schema)) {
            return schema.equals(SystemViews.PG_CATALOG)
                    || ctx.searchPath().names().contains(SystemViews.INFORMATION_SCHEMA);
        }
        if (SystemViews.find(SystemViews.PG_CATALOG, name) != null) {
            return false;   // pg_catalog is searched first: its view of that name would be found
        }
        Catalog catalog = ctx.catalog();
        return key.equals(ctx.searchPath().find(catalog, name, k -> exists(catalog, k)));
    }

    /** Every relation's OID -> {schema, name}: tables, their primary key and other indexes, sequences, views. */
    private static Map<Long, String[]> byOid(SystemContext ctx) {
        Map<Long, String[]> out = new HashMap<>();
        Catalog catalog = ctx.catalog();
        java.util.List<String> keys = new java.util.ArrayList<>(catalog.tableNames());
        for (io.kyrodb.engine.catalog.Table t : catalog.tables()) {
            if (t.hasPrimaryKey()) {
                keys.add(t.name() + "_pkey");
            }
        }
        catalog.indexes().forEach(i -> keys.add(i.name()));
        catalog.vectorIndexes().forEach(i -> keys.add(i.name()));
        catalog.sequences().forEach(s -> keys.add(s.name()));
        catalog.views().forEach(v -> keys.add(v.name()));
        for (String k : keys) {
            String schema = SchemaNames.schemaOf(k);
            String name = SchemaNames.localOf(k);
            out.put(Relations.oid(schema, name), new String[] {schema, name});
        }
        for (SystemView v : SystemViews.all()) {
            out.putIfAbsent(Relations.oid(v.schema(), v.name()), new String[] {v.schema(), v.name()});
        }
        return out;
    }

    private static String quote(String name) {
        return Identifiers.quote(name);
    }
}
