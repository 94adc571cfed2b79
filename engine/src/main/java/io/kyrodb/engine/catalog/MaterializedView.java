package io.kyrodb.engine.catalog;

import java.util.List;

/**
 * A materialized view: a table of the same name holds its rows; this is what makes the table one.
 * {@code query}: the defining query as written, bound along {@code searchPath} (the path it was
 * created with) each time REFRESH MATERIALIZED VIEW recomputes the rows. {@code populated}: false
 * after WITH NO DATA, until a refresh with data (querying it meanwhile is 55000, as in PostgreSQL).
 */
public record MaterializedView(String name, String query, List<String> searchPath, boolean populated) {
    public MaterializedView {
        searchPath = List.copyOf(searchPath);
    }

    public MaterializedView withPopulated(boolean p) {
        return new MaterializedView(name, query, searchPath, p);
    }
}
