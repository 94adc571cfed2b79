package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.IndexInfo;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.types.SqlType;
import io.kyrodb.engine.catalog.TableInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * The relations pg_class lists and the OIDs the catalog views join on: namespaces with
 * Postgres's own OIDs (pg_catalog 11, public 2200), and for tables, indexes and system views an
 * OID computed from the qualified name, so it stays the same across statements, sessions and
 * restarts (KyroDB stores no OIDs). Indexes: the primary key's ({@code <table>_pkey}) and the
 * secondary ones.
 */
public final class Relations {
    public static final long PG_CATALOG_OID = 11;
    public static final long PUBLIC_OID = 2200;
    public static final long INFORMATION_SCHEMA_OID = 13000;
    /** The one role (KyroDB has no accounts) and the one database, as Postgres numbers the first ones. */
    public static final long OWNER_OID = 10;
    public static final long DATABASE_OID = 5;
    private static final long FIRST_USER_OID = 16384;

    /** A relation: kind as pg_class.relkind ('r' table, 'i' index, 'v' view). */
    public record Relation(long oid, String schema, String name, String kind, TableInfo table, IndexInfo index,
                           SystemView view) {
        public long namespaceOid() {
            return namespaceOid(schema);
        }

        static long namespaceOid(String schema) {
            return switch (schema) {
                case SystemViews.PG_CATALOG -> PG_CATALOG_OID;
                case SystemViews.INFORMATION_SCHEMA -> INFORMATION_SCHEMA_OID;
                case "public" -> PUBLIC_OID;
                default -> Relations.oid("namespace", schema);
            };
        }
    }

    private Relations() {
    }

    /** Tables, then their indexes, then the system views. */
    public static List<Relation> all(SystemContext ctx) {
        return all(ctx, true);
    }

    /**
     * {@link #all(SystemContext)}; without {@code viewColumns} the users' views come without their
     * columns (finding one needs its query bound): for a lookup by oid, which a catalog query may
     * make once per row (pg_table_is_visible, pg_get_indexdef).
     */
    private static List<Relation> all(SystemContext ctx, boolean viewColumns) {
        List<Relation> out = new ArrayList<>();
        for (TableInfo t : ctx.tables()) {
            boolean materialized = ctx.catalog().materializedView(SchemaNames.key(t.schema(), t.name())) != null;
            out.add(new Relation(oid(t.schema(), t.name()), t.schema(), t.name(), materialized ? "m" : "r", t, null, null));
        }
        for (TableInfo t : ctx.tables()) {
            if (!t.primaryKey().isEmpty()) {
                String name = primaryKeyName(t);
                out.add(new Relation(oid(t.schema(), name), t.schema(), name, "i", t,
                        new IndexInfo(name, true, t.primaryKey(), t.primaryKey().stream().map(c -> false).toList()),
                        null));
            }
            for (IndexInfo i : t.indexes()) {
                out.add(new Relation(oid(t.schema(), i.name()), t.schema(), i.name(), "i", t, i, null));
            }
        }
        for (io.kyrodb.engine.catalog.Sequence s : ctx.catalog().sequences()) {   // relkind S: its one row's columns
            String schema = SchemaNames.schemaOf(s.name());
            String name = SchemaNames.localOf(s.name());
            out.add(new Relation(oid(schema, name), schema, name, "S", new TableInfo(schema, name, List.of(
                    new io.kyrodb.engine.catalog.ColumnInfo("last_value", SqlType.BIGINT, false, 1),
                    new io.kyrodb.engine.catalog.ColumnInfo("log_cnt", SqlType.BIGINT, false, 2),
                    new io.kyrodb.engine.catalog.ColumnInfo("is_called", SqlType.BOOLEAN, false, 3)), List.of()),
                    null, null));
        }
        for (io.kyrodb.engine.catalog.View v : ctx.catalog().views()) {   // the users' views
            String schema = SchemaNames.schemaOf(v.name());
            String name = SchemaNames.localOf(v.name());
            out.add(new Relation(oid(schema, name), schema, name, "v", null, null,
                    new SystemView(schema, name, viewColumns ? ctx.columnsOf(v) : List.of(), c -> List.of())));
        }
        for (SystemView v : SystemViews.all()) {
            out.add(new Relation(oid(v.schema(), v.name()), v.schema(), v.name(), "v", null, null, v));
        }
        return out;
    }

    public static long tableOid(TableInfo t) {
        return oid(t.schema(), t.name());
    }

    public static String primaryKeyName(TableInfo t) {
        return t.name() + "_pkey";
    }

    /** The schemas: pg_catalog, public (unless dropped), information_schema, then the users' schemas by name. */
    public static List<String> schemas(SystemContext ctx) {
        List<String> out = new ArrayList<>(List.of(SystemViews.PG_CATALOG));
        if (ctx.catalog().hasSchema(SchemaNames.PUBLIC)) {
            out.add(SchemaNames.PUBLIC);
        }
        out.add(SystemViews.INFORMATION_SCHEMA);
        for (String s : ctx.catalog().schemas()) {
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    /** pg_class's and pg_namespace's OIDs in pg_description.classoid. */
    public static final long PG_CLASS_OID = 1259;
    public static final long PG_NAMESPACE_OID = 2615;

    /** One pg_description row: a COMMENT ON. */
    public record Description(long objoid, long classoid, int objsubid, String text) {
    }

    /** Every comment of the catalog, as pg_description lists them. */
    public static List<Description> descriptions(SystemContext ctx) {
        List<Description> out = new ArrayList<>();
        Catalog catalog = ctx.catalog();
        for (var e : catalog.comments().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("n:")) {
                out.add(new Description(Relation.namespaceOid(k.substring(2)), PG_NAMESPACE_OID, 0, e.getValue()));
            } else if (k.startsWith("r:")) {
                String key = k.substring(2);
                out.add(new Description(oid(SchemaNames.schemaOf(key), SchemaNames.localOf(key)), PG_CLASS_OID, 0,
                        e.getValue()));
            } else if (k.startsWith("c:")) {
                int cut = k.indexOf('\u0000');
                String key = k.substring(2, cut);
                String column = k.substring(cut + 1);
                io.kyrodb.engine.catalog.Table t = catalog.table(key);
                int attnum;
                if (t != null) {
                    attnum = t.columnIndex(column) + 1;
                } else {
                    io.kyrodb.engine.catalog.View v = catalog.view(key);
                    attnum = v == null ? 0 : v.columns().indexOf(column) + 1;
                }
                if (attnum > 0) {
                    out.add(new Description(oid(SchemaNames.schemaOf(key), SchemaNames.localOf(key)), PG_CLASS_OID,
                            attnum, e.getValue()));
                }
            }
        }
        return out;
    }

    /**
     * pg_table_is_visible(oid): a catalog view always (pg_catalog is searched first); a user's
     * relation when its schema is on the search_path and no schema before it there has a relation
     * of that name. Null for an unknown oid, as Postgres.
     */
    public static Boolean isVisible(SystemContext ctx, long oid) {
        for (Relation r : all(ctx, false)) {
            if (r.oid() != oid) {
                continue;
            }
            if (SystemViews.isSystemSchema(r.schema())) {
                return r.schema().equals(SystemViews.PG_CATALOG)
                        || ctx.searchPath().names().contains(SystemViews.INFORMATION_SCHEMA);
            }
            if (!ctx.searchPath().effective(ctx.catalog()).contains(r.schema())) {
                return false;
            }
            String found = ctx.searchPath().find(ctx.catalog(), r.name(), ctx.catalog()::hasRelation);
            return found == null || found.equals(SchemaNames.key(r.schema(), r.name()));   // null: a primary key's index
        }
        return null;
    }

    /** pg_get_constraintdef(oid), or null for an unknown oid. */
    public static String constraintDefinition(SystemContext ctx, long oid) {
        return PgConstraint.definition(ctx, oid);
    }

    /** pg_get_indexdef(oid), or null for an unknown oid. */
    public static String indexDefinition(SystemContext ctx, long oid) {
        for (Relation r : all(ctx, false)) {
            if (r.oid() == oid && r.index() != null) {
                return PgIndexes.definition(r);
            }
        }
        return null;
    }

    /** obj_description(oid [, catalog]): the comment on that relation or schema, or null. */
    public static String description(SystemContext ctx, long oid, String catalogName) {
        for (Description d : descriptions(ctx)) {
            if (d.objoid() == oid && d.objsubid() == 0 && (catalogName == null
                    || (catalogName.equals("pg_class") && d.classoid() == PG_CLASS_OID)
                    || (catalogName.equals("pg_namespace") && d.classoid() == PG_NAMESPACE_OID))) {
                return d.text();
            }
        }
        return null;
    }

    /** col_description(table oid, attnum). */
    public static String columnDescription(SystemContext ctx, long oid, int attnum) {
        for (Description d : descriptions(ctx)) {
            if (d.objoid() == oid && d.objsubid() == attnum && d.classoid() == PG_CLASS_OID && attnum > 0) {
                return d.text();
            }
        }
        return null;
    }

    public static long oid(String schema, String name) {
        return FIRST_USER_OID + Math.floorMod((schema + "." + name).hashCode(), 1 << 30);
    }
}
