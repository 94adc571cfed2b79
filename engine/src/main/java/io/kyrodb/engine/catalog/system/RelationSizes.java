package io.kyrodb.engine.catalog.system;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Index;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.types.RegClass;

/**
 * pg_relation_size and its family, in bytes the storage engine holds: a table's or secondary
 * index's run files plus its memtables' estimated heap bytes (see
 * {@link io.kyrodb.engine.storage.TableData#sizeBytes}). A table is stored in primary-key order,
 * so its primary key index ({@code t_pkey}) has no bytes of its own; views, sequences, system
 * views and HNSW indexes (Lucene directories, outside the runs) count 0.
 */
public final class RelationSizes {
    private RelationSizes() {
    }

    /** Which of a relation's parts to count. */
    public enum Part {
        /** pg_relation_size: the relation alone (a table's rows, an index's entries). */
        RELATION,
        /** pg_table_size: a table without its indexes (KyroDB keeps no TOAST, free-space or visibility maps). */
        TABLE,
        /** pg_indexes_size: a table's indexes. */
        INDEXES,
        /** pg_total_relation_size: the table and its indexes. */
        TOTAL
    }

    /** The size of {@code relation} (a regclass); null when no relation has its OID, as in PostgreSQL. */
    public static Long of(SystemContext ctx, RegClass relation, Part part) {
        Catalog catalog = ctx.catalog();
        String key = relation.key();
        if (key == null) {
            return Relations.all(ctx).stream().anyMatch(r -> r.oid() == relation.oid()) ? 0L : null;
        }
        Table table = catalog.table(key);
        if (table != null) {
            return switch (part) {
                case RELATION, TABLE -> bytes(table);
                case INDEXES -> indexes(catalog, table);
                case TOTAL -> bytes(table) + indexes(catalog, table);
            };
        }
        Index index = catalog.index(key);
        if (index != null) {
            return part == Part.INDEXES ? 0L : bytes(index.storage());
        }
        return 0L;   // a view, a sequence, a primary key or HNSW index
    }

    /** pg_database_size: every table and index of the database ({@code name} must be the current one). */
    public static long database(SystemContext ctx, Object nameOrOid) {
        boolean current = nameOrOid instanceof Number n ? n.longValue() == Relations.DATABASE_OID
                : ctx.database().equals(nameOrOid);
        if (!current) {
            throw new KyroException(SqlState.INVALID_CATALOG_NAME, nameOrOid instanceof Number
                    ? "database with OID " + nameOrOid + " does not exist"
                    : "database \"" + nameOrOid + "\" does not exist");
        }
        long total = 0;
        for (Table t : ctx.catalog().tables()) {
            total += bytes(t) + indexes(ctx.catalog(), t);
        }
        return total;
    }

    private static long indexes(Catalog catalog, Table table) {
        long total = 0;
        for (Index i : catalog.indexesOf(table.name())) {
            total += bytes(i.storage());
        }
        return total;
    }

    private static long bytes(Table t) {
        return t.data() == null ? 0 : t.data().sizeBytes();
    }
}
