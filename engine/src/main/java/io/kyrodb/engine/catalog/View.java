package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A view: the text of its query, the column names written in CREATE VIEW (empty: the query's
 * own), and the tables and views its query reads (what DROP ... refuses to drop while it exists).
 * Selecting from it binds the query again, as a derived table.
 */
public record View(String name, List<String> columns, String query, List<String> dependsOn) {
    public View {
        columns = List.copyOf(columns);
        dependsOn = List.copyOf(dependsOn);
    }
}
