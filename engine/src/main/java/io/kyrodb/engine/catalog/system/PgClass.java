package io.kyrodb.engine.catalog.system;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.bool;
import static io.kyrodb.engine.catalog.system.SystemView.float4;
import static io.kyrodb.engine.catalog.system.SystemView.int2;
import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_class: tables (relkind 'r'), their indexes ('i', the primary key's included) and the system
 * views ('v'). Postgres's columns up to relrewrite; the array and xid ones are left out.
 * reltuples is -1 (never analyzed), as Postgres reports a new table.
 */
final class PgClass {
    static final long HEAP_AM = 2;
    static final long BTREE_AM = 403;

    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_class", List.of(
            oid("oid"), text("relname"), oid("relnamespace"), oid("reltype"), oid("reloftype"), oid("relowner"),
            oid("relam"), oid("relfilenode"), oid("reltablespace"), int4("relpages"), float4("reltuples"),
            int4("relallvisible"), oid("reltoastrelid"), bool("relhasindex"), bool("relisshared"),
            text("relpersistence"), text("relkind"), int2("relnatts"), int2("relchecks"), bool("relhasrules"),
            bool("relhastriggers"), bool("relhassubclass"), bool("relrowsecurity"), bool("relforcerowsecurity"),
            bool("relispopulated"), text("relreplident"), bool("relispartition"), oid("relrewrite")),
            PgClass::rows);

    private PgClass() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (Relations.Relation r : Relations.all(ctx)) {
            int columns;
            boolean hasIndex = false;
            long am = 0;
            if (r.view() != null) {
                columns = r.view().columns().size();
            } else if (r.index() != null) {
                columns = r.index().columns().size();
                am = BTREE_AM;
            } else {
                columns = r.table().columns().size();
                hasIndex = !r.table().primaryKey().isEmpty() || !r.table().indexes().isEmpty();
                am = HEAP_AM;
            }
            rows.add(new Object[] {r.oid(), r.name(), r.namespaceOid(), 0L, 0L, Relations.OWNER_OID, am,
                    r.view() != null ? 0L : r.oid(), 0L, 0, -1f, 0, 0L, hasIndex, false, "p", r.kind(),
                    (short) columns, (short) 0, r.view() != null, false, false, false, false, true,
                    r.kind().equals("r") ? "d" : "n", false, 0L});
        }
        return rows;
    }
}
