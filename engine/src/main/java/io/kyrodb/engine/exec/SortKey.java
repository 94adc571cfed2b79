package io.kyrodb.engine.exec;

/**
 * Sort by the value at {@code column}; NULLs sort as larger than every value unless
 * {@code nullsFirst} says otherwise (Postgres: NULLS LAST for ASC, NULLS FIRST for DESC).
 */
public record SortKey(int column, boolean descending, boolean nullsFirst) {
}
