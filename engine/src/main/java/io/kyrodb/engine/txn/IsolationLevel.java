package io.kyrodb.engine.txn;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;

import java.util.Locale;

/**
 * The isolation levels. READ COMMITTED (the default, as in Postgres) takes a snapshot per statement;
 * REPEATABLE READ and SERIALIZABLE take one at the transaction's first statement and fail a write
 * with 40001 when another commit became visible after it. READ UNCOMMITTED behaves as READ
 * COMMITTED, as in Postgres.
 */
public enum IsolationLevel {
    READ_COMMITTED("read committed"),
    REPEATABLE_READ("repeatable read"),
    SERIALIZABLE("serializable");

    private final String sqlName;

    IsolationLevel(String sqlName) {
        this.sqlName = sqlName;
    }

    public String sqlName() {
        return sqlName;
    }

    public boolean snapshotPerTransaction() {
        return this != READ_COMMITTED;
    }

    public static IsolationLevel parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replaceAll("[\\s_]+", " ");
        return switch (t) {
            case "read committed", "read uncommitted" -> READ_COMMITTED;
            case "repeatable read" -> REPEATABLE_READ;
            case "serializable" -> SERIALIZABLE;
            default -> throw new KyroException(SqlState.INVALID_PARAMETER_VALUE, "invalid isolation level \"" + text
                    + "\" (expected read committed, repeatable read or serializable)");
        };
    }
}
