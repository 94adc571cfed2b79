package io.kyrodb.engine.vector;

import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.types.TypeKind;

/**
 * The row ids an HNSW index keys its rows by: the table's integer primary key, or the hidden row id
 * of a table without one. Both are stable for the row's life and order like the table's keys, so
 * ordering ties by row id is ordering them by primary key.
 */
public final class HnswRowIds {
    private HnswRowIds() {
    }

    /** Whether {@code table}'s rows have a row id an HNSW index can use. */
    public static boolean supported(Table table) {
        if (!table.hasPrimaryKey()) {
            return true;
        }
        if (table.primaryKeyWidth() != 1) {
            return false;
        }
        TypeKind k = table.columns().get(table.primaryKeyColumn(0)).type().kind();
        return k == TypeKind.BIGINT || k == TypeKind.INTEGER || k == TypeKind.SMALLINT;
    }

    /** The row id of the row stored under {@code key}. */
    public static long of(Object key) {
        return ((Number) key).longValue();
    }

    /** The key of the row with id {@code rowId} in {@code table}. */
    public static Object key(Table table, long rowId) {
        if (!table.hasPrimaryKey()) {
            return rowId;
        }
        return switch (table.columns().get(table.primaryKeyColumn(0)).type().kind()) {
            case SMALLINT -> (short) rowId;
            case INTEGER -> (int) rowId;
            default -> rowId;
        };
    }
}
