package io.kyrodb.engine.binder;

import io.kyrodb.engine.KyroException;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.MaterializedView;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.engine.plan.DependentViewsPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.sql.ast.Pos;
import io.kyrodb.sql.parser.SqlParser;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * What views and materialized views read of a table's columns, as PostgreSQL tracks it in
 * pg_depend: a view is stored as its query's text, so the columns it reads are found by binding the
 * text ({@link Binder#relationUses}). ALTER TABLE ... RENAME COLUMN writes the text again naming the
 * new column (and keeps the view's column names, as PostgreSQL's views keep theirs); DROP COLUMN of
 * a column a view reads, and DROP TABLE of a table a view or materialized view reads, are 2BP01
 * unless CASCADE, which drops those views (and the views that read them) in the same statement.
 */
final class ViewDependencies {
    private ViewDependencies() {
    }

    /** ALTER TABLE t RENAME COLUMN from TO to ({@code alter}), with the views and materialized views reading it written again. */
    static Plan renameColumn(Binder b, Table t, String from, String to, Plan alter) {
        Catalog catalog = b.catalog();
        List<Change> after = new ArrayList<>();
        for (View v : catalog.views()) {
            if (!v.dependsOn().contains(t.name())) {
                continue;
            }
            if (!reads(b, v.query(), v.searchPath(), t.name(), from)) {
                continue;
            }
            // its columns keep their names (a * read the column under its old name too)
            String query = renamed(b, v.query(), v.searchPath(), t.name(), from, to);
            after.add(new Change.CreateView(v.name(), columnsOf(b, v), query == null ? v.query() : query,
                    v.dependsOn(), v.searchPath(), v.checkOption()));
        }
        for (MaterializedView m : catalog.materializedViews()) {
            String query = renamed(b, m.query(), m.searchPath(), t.name(), from, to);
            if (query != null) {
                after.add(new Change.CreateMaterializedView(m.name(), query, m.searchPath(), m.populated()));
            }
        }
        return after.isEmpty() ? alter : new DependentViewsPlan(alter, List.of(), after);
    }

    /**
     * ALTER VIEW v RENAME [COLUMN] from TO to: the view's column takes the new name (its query is
     * unchanged); the views and materialized views reading the column are written again naming it.
     */
    static Plan renameViewColumn(Binder b, io.kyrodb.sql.ast.Statement.RenameViewColumn r) {
        Catalog catalog = b.catalog();
        if (!r.ifExists()) {
            b.checkSchema(r.name());
        }
        String key = b.relationKey(r.name());
        View view = catalog.view(key);
        if (view == null) {
            if (catalog.table(key) != null) {   // PostgreSQL: ALTER VIEW renames a table's column too
                return AlterTableBinder.bind(b, new io.kyrodb.sql.ast.Statement.AlterTable(r.pos(), r.name(), false,
                        new io.kyrodb.sql.ast.Statement.RenameColumn(r.pos(), r.from(), r.to())));
            }
            if (catalog.hasRelation(key)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + r.name().name() + "\" is not a view", r.name().pos());
            }
            if (r.ifExists()) {
                return new io.kyrodb.engine.plan.CatalogDdlPlan(List.of());   // PostgreSQL: a NOTICE
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + r.name() + "\" does not exist", r.name().pos());
        }
        List<String> columns = new ArrayList<>(columnsOf(b, view));
        int i = columns.indexOf(r.from());
        if (i < 0) {
            throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + r.from() + "\" does not exist", r.pos());
        }
        if (columns.contains(r.to())) {
            throw b.error(SqlState.DUPLICATE_COLUMN, "column \"" + r.to() + "\" of relation \""
                    + SchemaNames.localOf(key) + "\" already exists", r.pos());
        }
        columns.set(i, r.to());
        List<Change> after = new ArrayList<>();
        for (View v : catalog.views()) {
            if (!v.name().equals(key) && v.dependsOn().contains(key) && reads(b, v.query(), v.searchPath(), key, r.from())) {
                String query = renamed(b, v.query(), v.searchPath(), key, r.from(), r.to());
                after.add(new Change.CreateView(v.name(), columnsOf(b, v), query == null ? v.query() : query,
                        v.dependsOn(), v.searchPath(), v.checkOption()));
            }
        }
        for (MaterializedView m : catalog.materializedViews()) {
            String query = renamed(b, m.query(), m.searchPath(), key, r.from(), r.to());
            if (query != null) {
                after.add(new Change.CreateMaterializedView(m.name(), query, m.searchPath(), m.populated()));
            }
        }
        return new io.kyrodb.engine.plan.ViewDdlPlan(java.util.stream.Stream.concat(
                java.util.stream.Stream.of((Change) new Change.CreateView(view.name(), columns, view.query(),
                        view.dependsOn(), view.searchPath(), view.checkOption())), after.stream()).toList());
    }

    /**
     * ALTER TABLE t DROP COLUMN c ({@code alter}): 2BP01 when a view or materialized view reads the
     * column, unless {@code cascade}, which drops them (and what reads them) first.
     */
    static Plan dropColumn(Binder b, Table t, String column, boolean cascade, Pos pos, Plan alter) {
        Catalog catalog = b.catalog();
        List<String> readers = new ArrayList<>();
        for (View v : catalog.views()) {
            if (v.dependsOn().contains(t.name()) && reads(b, v.query(), v.searchPath(), t.name(), column)) {
                readers.add(v.name());
            }
        }
        for (MaterializedView m : catalog.materializedViews()) {
            if (reads(b, m.query(), m.searchPath(), t.name(), column)) {
                readers.add(m.name());
            }
        }
        if (readers.isEmpty()) {
            return alter;
        }
        if (!cascade) {
            String reader = readers.get(0);
            throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop column " + column + " of table "
                    + SchemaNames.localOf(t.name()) + " because other objects depend on it (" + kind(catalog, reader)
                    + " " + SchemaNames.localOf(reader) + " depends on column " + column + " of table "
                    + SchemaNames.localOf(t.name()) + "; use DROP ... CASCADE to drop the dependent objects too)", pos);
        }
        return new DependentViewsPlan(alter, drops(b, readers), List.of());
    }

    /**
     * The views and materialized views that read relations {@code dropped} (catalog keys) and are not
     * themselves among them, for DROP TABLE: 2BP01 naming the first unless {@code cascade}; with it,
     * their drops (dependents first, a materialized view as its table), to log before the tables'.
     */
    static List<Change> dropTable(Binder b, List<String> dropped, boolean cascade, Pos pos) {
        Catalog catalog = b.catalog();
        List<String> readers = new ArrayList<>();
        for (View v : catalog.views()) {
            for (String d : dropped) {
                if (v.dependsOn().contains(d) && !readers.contains(v.name())) {
                    readers.add(v.name());
                    check(b, catalog, cascade, v.name(), d, pos);
                }
            }
        }
        for (MaterializedView m : catalog.materializedViews()) {
            if (dropped.contains(m.name())) {
                continue;
            }
            Set<String> read = relationsRead(b, m.query(), m.searchPath());
            for (String d : dropped) {
                if (read.contains(d) && !readers.contains(m.name())) {
                    readers.add(m.name());
                    check(b, catalog, cascade, m.name(), d, pos);
                }
            }
        }
        return readers.isEmpty() ? List.of() : drops(b, readers);
    }

    private static void check(Binder b, Catalog catalog, boolean cascade, String reader, String table, Pos pos) {
        if (!cascade) {
            throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop table " + SchemaNames.localOf(table)
                    + " because other objects depend on it (" + kind(catalog, reader) + " "
                    + SchemaNames.localOf(reader) + " depends on table " + SchemaNames.localOf(table)
                    + "; use DROP ... CASCADE to drop the dependent objects too)", pos);
        }
    }

    private static String kind(Catalog catalog, String relation) {
        return catalog.materializedView(relation) != null ? "materialized view" : "view";
    }

    /** Drops of {@code readers} and of every view or materialized view reading them, each after what reads it. */
    private static List<Change> drops(Binder b, List<String> readers) {
        Catalog catalog = b.catalog();
        List<String> order = new ArrayList<>();
        Set<String> visiting = new HashSet<>();
        for (String r : readers) {
            collect(b, catalog, r, order, visiting);
        }
        List<Change> out = new ArrayList<>();
        for (String name : order) {
            out.add(catalog.view(name) != null ? new Change.DropView(name) : new Change.DropTable(name));
        }
        return out;
    }

    private static void collect(Binder b, Catalog catalog, String name, List<String> order, Set<String> visiting) {
        if (order.contains(name) || !visiting.add(name)) {
            return;
        }
        for (String dependent : catalog.viewsOn(name)) {
            collect(b, catalog, dependent, order, visiting);
        }
        for (MaterializedView m : catalog.materializedViews()) {
            if (!m.name().equals(name) && relationsRead(b, m.query(), m.searchPath()).contains(name)) {
                collect(b, catalog, m.name(), order, visiting);
            }
        }
        order.add(name);
    }

    /** Whether a materialized view's query reads relation {@code relation} (a catalog key). */
    static boolean readByMaterializedView(Binder b, String relation) {
        for (MaterializedView m : b.catalog().materializedViews()) {
            if (relationsRead(b, m.query(), m.searchPath()).contains(relation)) {
                return true;
            }
        }
        return false;
    }

    /** The relations (catalog keys) query {@code query} names; none when it no longer binds. */
    private static Set<String> relationsRead(Binder b, String query, List<String> path) {
        try {
            return new LinkedHashSet<>(b.relationUses(query, path).keys().values());
        } catch (KyroException | io.kyrodb.sql.parser.SqlSyntaxException e) {
            return Set.of();
        }
    }

    /** Whether {@code query} reads column {@code column} of table {@code table} (a {@code *} reads them all). */
    private static boolean reads(Binder b, String query, List<String> path, String table, String column) {
        try {
            for (Binder.ColumnUse u : b.relationUses(query, path).columns()) {
                if (u.table().equals(table) && u.column().equals(column)) {
                    return true;
                }
            }
            return false;
        } catch (KyroException | io.kyrodb.sql.parser.SqlSyntaxException e) {
            return false;
        }
    }

    /**
     * {@code query} with each reference to column {@code from} of table {@code table} written as
     * {@code to} (qualified by the table's name in its FROM clause; a select-list item named after the
     * column keeps that name with AS), or null when it names none (or no longer binds: it keeps its text).
     */
    private static String renamed(Binder b, String query, List<String> path, String table, String from, String to) {
        Binder.RelationUses uses;
        try {
            uses = b.relationUses(query, path);
        } catch (KyroException | io.kyrodb.sql.parser.SqlSyntaxException e) {
            return null;
        }
        TreeMap<Integer, Binder.ColumnUse> at = new TreeMap<>();
        for (Binder.ColumnUse u : uses.columns()) {
            if (u.table().equals(table) && u.column().equals(from)) {
                at.putIfAbsent(u.offset(), u);
            }
        }
        StringBuilder out = new StringBuilder();
        int done = 0;
        boolean changed = false;
        for (Binder.ColumnUse u : at.values()) {
            List<SqlParser.NamePart> parts = SqlParser.nameParts(query, u.offset());
            int written = u.qualifier() == null ? 1 : u.qualifier().split("\\.").length + 1;
            if (parts.size() != written || !parts.get(parts.size() - 1).name().equals(from) || u.offset() < done) {
                continue;   // a * or a whole-row reference: it reads the column by position, not by name
            }
            SqlParser.NamePart last = parts.get(parts.size() - 1);
            int start = u.qualifier() == null ? parts.get(0).start() : last.start();
            out.append(query, done, start);
            if (u.qualifier() == null && !u.alias().contains(".")) {   // s.t without an alias: left unqualified
                out.append(quote(u.alias())).append('.');
            }
            out.append(quote(to));
            if (uses.bareOutputs().contains(u.offset()) && SqlParser.standsAsSelectItem(query, start, last.end())) {
                out.append(" AS ").append(quote(from));   // the item keeps its name
            }
            done = last.end();
            changed = true;
        }
        if (!changed) {
            return null;
        }
        out.append(query.substring(done));
        return out.toString();
    }

    /** The names of view {@code v}'s columns as they are now: what a rename of what it reads must keep. */
    private static List<String> columnsOf(Binder b, View v) {
        QueryPlan plan = b.expandView(v, null);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            out.add(i < v.columns().size() ? v.columns().get(i) : plan.columns().get(i).label());
        }
        return out;
    }

    static String quote(String name) {
        return SqlParser.quoteIdentifier(name);
    }
}
