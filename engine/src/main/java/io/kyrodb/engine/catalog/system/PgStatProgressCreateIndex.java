package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.vector.BuildProgress;

import java.util.ArrayList;
import java.util.List;

import static io.kyrodb.engine.catalog.system.SystemView.int4;
import static io.kyrodb.engine.catalog.system.SystemView.int8;
import static io.kyrodb.engine.catalog.system.SystemView.oid;
import static io.kyrodb.engine.catalog.system.SystemView.text;

/**
 * pg_stat_progress_create_index: one row per HNSW index build running now in the database (a
 * CREATE INDEX, or a build the engine runs in the background after ALTER TABLE, a CREATE INDEX in a
 * transaction block, or a lost index directory), with pgvector's phase names and
 * {@code tuples_total}/{@code tuples_done} counting the rows of the build's snapshot. KyroDB has no
 * blocks, lockers or partitions here: those counts are 0. {@code pid} is NULL (a build may run on
 * no session's behalf).
 */
final class PgStatProgressCreateIndex {
    static final SystemView VIEW = new SystemView(SystemViews.PG_CATALOG, "pg_stat_progress_create_index", List.of(
            int4("pid"), oid("datid"), text("datname"), oid("relid"), oid("index_relid"), text("command"),
            text("phase"), int8("lockers_total"), int8("lockers_done"), int8("current_locker_pid"),
            int8("blocks_total"), int8("blocks_done"), int8("tuples_total"), int8("tuples_done"),
            int8("partitions_total"), int8("partitions_done")), PgStatProgressCreateIndex::rows);

    private PgStatProgressCreateIndex() {
    }

    private static List<Object[]> rows(SystemContext ctx) {
        List<Object[]> rows = new ArrayList<>();
        for (BuildProgress p : ctx.indexBuilds().get()) {
            long table = Relations.oid(SchemaNames.schemaOf(p.table()), SchemaNames.localOf(p.table()));
            long index = Relations.oid(SchemaNames.schemaOf(p.index()), SchemaNames.localOf(p.index()));
            rows.add(new Object[] {null, Relations.DATABASE_OID, ctx.database(), table, index, "CREATE INDEX",
                    p.phase(), 0L, 0L, 0L, 0L, 0L, p.total(), p.done(), 0L, 0L});
        }
        return rows;
    }
}
