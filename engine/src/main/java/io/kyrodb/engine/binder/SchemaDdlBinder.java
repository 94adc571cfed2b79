package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.ForeignKey;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Sequence;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.engine.catalog.system.SystemViews;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE SCHEMA, DROP SCHEMA [CASCADE] and ALTER SCHEMA ... RENAME TO, as PostgreSQL does them:
 * 42P06 for a schema that exists, 3F000 for one that does not, 2BP01 when a schema that still
 * holds objects is dropped without CASCADE. CASCADE drops the schema's views (and the views
 * elsewhere that read its relations), sequences, tables with their indexes, and the foreign keys
 * of other tables that reference its tables, in one transactional statement.
 */
final class SchemaDdlBinder {
    private SchemaDdlBinder() {
    }

    static Plan create(Binder b, Statement.CreateSchema c) {
        Catalog catalog = b.catalog();
        SchemaNames.checkNewName(c.name());
        if (catalog.hasSchema(c.name()) || SystemViews.isSystemSchema(c.name())) {
            if (c.ifNotExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.DUPLICATE_SCHEMA, "schema \"" + c.name() + "\" already exists", c.pos());
        }
        if (c.name().startsWith("pg_")) {
            throw b.error(SqlState.RESERVED_NAME, "unacceptable schema name \"" + c.name()
                    + "\" (the prefix \"pg_\" is reserved for system schemas)", c.pos());
        }
        return new CatalogDdlPlan(List.of(new Change.CreateSchema(c.name())));
    }

    static Plan drop(Binder b, Statement.DropSchema d) {
        Catalog catalog = b.catalog();
        List<String> schemas = new ArrayList<>();
        for (String name : d.names()) {
            if (SystemViews.isSystemSchema(name)) {
                throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + name
                        + " because it is required by the database system", d.pos());
            }
            if (!catalog.hasSchema(name)) {
                if (d.ifExists()) {
                    continue;
                }
                throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + name + "\" does not exist", d.pos());
            }
            if (!schemas.contains(name)) {
                schemas.add(name);
            }
        }
        Set<String> dropped = new LinkedHashSet<>();
        for (String s : schemas) {
            List<String> in = catalog.relationsIn(s);
            if (!in.isEmpty() && !d.cascade()) {
                throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop schema " + s
                        + " because other objects depend on it (" + describe(catalog, in.get(0)) + " depends on schema "
                        + s + "; use DROP ... CASCADE to drop the dependent objects too)", d.pos());
            }
            dropped.addAll(in);
        }
        // views that read a dropped relation go too, dependents first
        boolean grew = true;
        while (grew) {
            grew = false;
            for (View v : catalog.views()) {
                if (!dropped.contains(v.name()) && v.dependsOn().stream().anyMatch(dropped::contains)) {
                    dropped.add(v.name());
                    grew = true;
                }
            }
        }
        List<Change> out = new ArrayList<>();
        List<String> views = new ArrayList<>();
        for (String k : dropped) {
            if (catalog.view(k) != null) {
                views.add(k);
            }
        }
        while (!views.isEmpty()) {   // a view no remaining view reads first
            for (String v : List.copyOf(views)) {
                boolean read = views.stream().anyMatch(o -> !o.equals(v) && catalog.view(o).dependsOn().contains(v));
                if (!read) {
                    out.add(new Change.DropView(v));
                    views.remove(v);
                }
            }
        }
        for (Table t : catalog.tables()) {   // foreign keys of surviving tables into dropped ones
            if (dropped.contains(t.name())) {
                continue;
            }
            List<ForeignKey> kept = t.foreignKeys().stream().filter(f -> !dropped.contains(f.refTable())).toList();
            if (kept.size() != t.foreignKeys().size()) {
                out.add(new Change.AlterTable(new Change.CreateTable(t.name(), t.columns(), t.primaryKey(), t.checks(),
                        kept)));
            }
        }
        for (String k : dropped) {
            Sequence seq = catalog.sequence(k);
            if (seq != null && (seq.ownedBy() == null || !dropped.contains(seq.ownerTable()))) {
                out.add(new Change.DropSequence(k));
            }
        }
        for (String k : dropped) {
            if (catalog.table(k) != null) {
                out.add(new Change.DropTable(k));
            }
        }
        for (String s : schemas) {
            out.add(new Change.DropSchema(s));
        }
        return new CatalogDdlPlan(out);
    }

    /**
     * ALTER SCHEMA ... RENAME TO: objects are keyed by their schema's name, so the relations of a
     * schema that holds some move to keys under the new name ({@link RelocationBinder}).
     */
    static Plan rename(Binder b, Statement.AlterSchemaRename r) {
        Catalog catalog = b.catalog();
        SchemaNames.checkNewName(r.to());
        if (!catalog.hasSchema(r.from())) {
            throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + r.from() + "\" does not exist", r.pos());
        }
        if (catalog.hasSchema(r.to()) || SystemViews.isSystemSchema(r.to())) {
            throw b.error(SqlState.DUPLICATE_SCHEMA, "schema \"" + r.to() + "\" already exists", r.pos());
        }
        if (r.to().startsWith("pg_")) {
            throw b.error(SqlState.RESERVED_NAME, "unacceptable schema name \"" + r.to()
                    + "\" (the prefix \"pg_\" is reserved for system schemas)", r.pos());
        }
        if (!catalog.relationsIn(r.from()).isEmpty()) {
            return RelocationBinder.renameSchema(b, r.from(), r.to(), r.pos());
        }
        List<Change> out = new ArrayList<>();
        out.add(new Change.CreateSchema(r.to()));
        String comment = catalog.comment(Catalog.schemaComment(r.from()));
        if (comment != null) {
            out.add(new Change.Comment(Catalog.schemaComment(r.to()), comment));
        }
        out.add(new Change.DropSchema(r.from()));
        return new CatalogDdlPlan(out);
    }

    /** "table s.t", "view s.v", ... as PostgreSQL's DETAIL names an object. */
    private static String describe(Catalog catalog, String key) {
        String kind = catalog.table(key) != null ? "table" : catalog.view(key) != null ? "view"
                : catalog.sequence(key) != null ? "sequence" : "index";
        return kind + " " + SchemaNames.schemaOf(key) + "." + SchemaNames.localOf(key);
    }
}
