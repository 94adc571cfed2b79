package io.kyrodb.sql.parser;

import io.kyrodb.sql.ast.Pos;

/**
 * Checks the database part of a name written with one ({@code db.schema.table},
 * {@code db.schema.table.column}): PostgreSQL accepts it when it names the current database and
 * refuses any other (0A000, cross-database references). The parser does not know the database,
 * so the caller that does passes one; the part is dropped from the AST once checked.
 */
@FunctionalInterface
public interface CatalogCheck {
    /** {@code catalog}: the database named; {@code name}: the whole dotted name as written; throws if refused. */
    void check(String catalog, String name, Pos pos);

    /** For text already checked when it was first run (a view's stored query). */
    CatalogCheck ACCEPT = (catalog, name, pos) -> { };
}
