package io.kyrodb.engine;

import io.kyrodb.engine.types.SqlType;

/**
 * One column of a result: its label, type and nullability, and where it came from when it is a
 * plain column reference ({@code tableName}/{@code columnName} are empty strings otherwise).
 */
public record ResultColumn(String label, SqlType type, boolean nullable, String tableName, String columnName) {
}
