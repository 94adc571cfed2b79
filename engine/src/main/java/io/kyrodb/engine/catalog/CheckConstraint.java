package io.kyrodb.engine.catalog;

/**
 * A CHECK constraint of a table: its name and its condition's SQL text, bound anew by each
 * INSERT or UPDATE of the table. A row violates it when the condition is false (NULL passes).
 */
public record CheckConstraint(String name, String sql) {
}
