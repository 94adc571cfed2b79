package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A view: the text of its query, the column names written in CREATE VIEW (empty: the query's
 * own), the tables and views its query reads (what DROP ... refuses to drop while it exists), and
 * the schemas its unqualified names were resolved in when it was created (the search_path then:
 * PostgreSQL fixes a view's names at creation, so a later SET search_path must not change what it
 * reads). Selecting from it binds the query again, as a derived table, along that path.
 * {@code checkOption}: WITH [LOCAL | CASCADED] CHECK OPTION, "local" or "cascaded"; null without.
 */
public record View(String name, List<String> columns, String query, List<String> dependsOn,
                   List<String> searchPath, String checkOption) {
    public View {
        columns = List.copyOf(columns);
        dependsOn = List.copyOf(dependsOn);
        searchPath = List.copyOf(searchPath);
    }

    public View(String name, List<String> columns, String query, List<String> dependsOn, List<String> searchPath) {
        this(name, columns, query, dependsOn, searchPath, null);
    }

    /** A view of a database from before schemas: its names resolve in public. */
    public View(String name, List<String> columns, String query, List<String> dependsOn) {
        this(name, columns, query, dependsOn, List.of(SchemaNames.PUBLIC));
    }
}
