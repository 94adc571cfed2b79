package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Column;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.plan.CreateIndexPlan;
import io.kyrodb.engine.plan.DropIndexPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/** Binds CREATE INDEX and DROP INDEX. Index and table names share one namespace, as in PostgreSQL. */
final class IndexDdlBinder {
    private final Binder binder;
    private final Catalog catalog;

    IndexDdlBinder(Binder binder, Catalog catalog) {
        this.binder = binder;
        this.catalog = catalog;
    }

    Plan createIndex(Statement.CreateIndex c) {
        Table table = binder.table(c.table());
        int[] columns = new int[c.columns().size()];
        boolean[] descending = new boolean[columns.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < columns.length; i++) {
            Statement.IndexColumn ic = c.columns().get(i);
            columns[i] = table.columnIndex(ic.name());
            if (columns[i] < 0) {
                String hint = Suggestions.didYouMean(ic.name(), table.columns().stream().map(Column::name).toList());
                throw binder.error(SqlState.UNDEFINED_COLUMN, "column \"" + ic.name() + "\" does not exist" + hint,
                        ic.pos());
            }
            binder.requireKeyable(table.columns().get(columns[i]), ic.pos());
            descending[i] = ic.descending();
            names.add(ic.name());
        }
        if (columns.length > 32) {
            throw binder.error(SqlState.INVALID_TABLE_DEFINITION, "cannot use more than 32 columns in an index, got "
                    + columns.length, c.pos());
        }
        String name = c.name() != null ? c.name() : defaultName(table.name(), names);
        if (catalog.hasRelation(name) && !c.ifNotExists()) {
            throw binder.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", c.pos());
        }
        return new CreateIndexPlan(name, table, columns, descending, c.unique(), c.ifNotExists());
    }

    /** PostgreSQL's choice: {@code table_col1_col2_idx}, then {@code ..._idx1}, {@code ..._idx2}, ... while taken. */
    private String defaultName(String table, List<String> columns) {
        String base = table + "_" + String.join("_", columns) + "_idx";
        String name = base;
        for (int n = 1; catalog.hasRelation(name); n++) {
            name = base + n;
        }
        return name;
    }

    Plan dropIndex(Statement.DropIndex d) {
        List<String> names = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            if (n.schema() != null && !n.schema().equals(Table.DEFAULT_SCHEMA)) {
                throw binder.error(SqlState.UNDEFINED_OBJECT, "schema \"" + n.schema() + "\" does not exist", n.pos());
            }
            if (catalog.index(n.name()) != null) {
                if (!names.contains(n.name())) {
                    names.add(n.name());
                }
            } else if (catalog.table(n.name()) != null) {
                throw binder.error(SqlState.WRONG_OBJECT_TYPE, "\"" + n.name() + "\" is not an index", n.pos());
            } else if (!d.ifExists()) {
                throw binder.error(SqlState.UNDEFINED_OBJECT, "index \"" + n.name() + "\" does not exist", n.pos());
            }
        }
        return new DropIndexPlan(names);
    }
}
