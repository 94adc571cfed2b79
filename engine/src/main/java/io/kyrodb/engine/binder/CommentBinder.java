package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.util.List;

/**
 * COMMENT ON {TABLE | VIEW | INDEX | SEQUENCE | SCHEMA} name | COLUMN t.c IS 'text' | NULL: the
 * text is kept in the catalog (transactional, durable: WAL change 16, checkpoint version 7) and
 * read by pg_description, obj_description/col_description and DatabaseMetaData's REMARKS. An
 * empty text removes the comment, as in PostgreSQL. A comment goes when its object is dropped.
 */
final class CommentBinder {
    private CommentBinder() {
    }

    static Plan bind(Binder b, Statement.CommentOn c) {
        Catalog catalog = b.catalog();
        String text = c.text() == null || c.text().isEmpty() ? null : c.text();
        QualifiedName n = c.name();
        String key;
        switch (c.kind()) {
            case "schema" -> {
                if (!catalog.hasSchema(n.name())) {
                    throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + n.name() + "\" does not exist", n.pos());
                }
                key = Catalog.schemaComment(n.name());
            }
            case "column" -> {
                b.checkSchema(n);
                String table = b.relationKey(n);
                Table t = catalog.table(table);
                View v = catalog.view(table);
                if (t == null && v == null) {
                    throw b.error(catalog.hasRelation(table) ? SqlState.WRONG_OBJECT_TYPE : SqlState.UNDEFINED_TABLE,
                            "relation \"" + n + "\" " + (catalog.hasRelation(table) ? "has no columns" : "does not exist"),
                            n.pos());
                }
                boolean has = t != null ? t.columnIndex(c.column()) >= 0 : b.expandView(v, n.pos()).columns().stream()
                        .anyMatch(rc -> rc.label().equals(c.column())) || v.columns().contains(c.column());
                if (!has) {
                    throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + c.column() + "\" of relation \"" + n.name()
                            + "\" does not exist", c.pos());
                }
                key = Catalog.columnComment(table, c.column());
            }
            default -> {
                b.checkSchema(n);
                String k = b.relationKey(n);
                boolean right = switch (c.kind()) {
                    case "table" -> catalog.table(k) != null;
                    case "view" -> catalog.view(k) != null;
                    case "index" -> catalog.index(k) != null || catalog.vectorIndex(k) != null;
                    case "sequence" -> catalog.sequence(k) != null;
                    default -> throw new IllegalArgumentException("COMMENT ON " + c.kind());
                };
                if (!right) {
                    if (catalog.hasRelation(k)) {
                        throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + n.name() + "\" is not a"
                                + (c.kind().equals("index") ? "n " : " ") + c.kind(), n.pos());
                    }
                    throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + n + "\" does not exist", n.pos());
                }
                key = Catalog.relationComment(k);
            }
        }
        return new CatalogDdlPlan(List.of(new Change.Comment(key, text)));
    }
}
