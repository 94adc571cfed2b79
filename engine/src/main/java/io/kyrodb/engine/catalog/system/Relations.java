package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.IndexInfo;
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
        List<Relation> out = new ArrayList<>();
        for (TableInfo t : ctx.tables()) {
            out.add(new Relation(oid(t.schema(), t.name()), t.schema(), t.name(), "r", t, null, null));
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

    /** The schemas: pg_catalog, public, information_schema and any other a table is in. */
    public static List<String> schemas(SystemContext ctx) {
        List<String> out = new ArrayList<>(List.of(SystemViews.PG_CATALOG, "public", SystemViews.INFORMATION_SCHEMA));
        for (TableInfo t : ctx.tables()) {
            if (!out.contains(t.schema())) {
                out.add(t.schema());
            }
        }
        return out;
    }

    static long oid(String schema, String name) {
        return FIRST_USER_OID + Math.floorMod((schema + "." + name).hashCode(), 1 << 30);
    }
}
