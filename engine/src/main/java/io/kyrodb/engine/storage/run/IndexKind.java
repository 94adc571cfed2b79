package io.kyrodb.engine.storage.run;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Locale;

/**
 * Which index finds a key's block in a run ({@code pk_index}, chosen when a database is created):
 * the learned model, or the classical baseline, a binary search over each block's first key (a
 * two-level B+tree whose leaves are the blocks). Every run file carries both; only the chosen one
 * is kept in memory.
 */
public enum IndexKind {
    LEARNED, BTREE;

    public String sqlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IndexKind parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "learned" -> LEARNED;
            case "btree" -> BTREE;
            default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid value for setting \"pk_index\": \""
                    + value + "\" (expected learned or btree)");
        };
    }
}
