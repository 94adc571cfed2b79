package io.kyrodb.engine.binder;

import io.kyrodb.engine.ResultColumn;
import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.View;
import io.kyrodb.engine.plan.QueryPlan;
import io.kyrodb.engine.plan.ViewDdlPlan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE [OR REPLACE] VIEW and DROP VIEW [IF EXISTS] [CASCADE]. A view is stored as the text of its
 * query; creating one binds the query (so it must be valid now) and records the tables and views
 * it reads, which cannot then be dropped while it exists (2BP01), unless DROP VIEW ... CASCADE.
 */
final class ViewDdlBinder {
    private final Binder binder;
    private final Catalog catalog;

    ViewDdlBinder(Binder binder, Catalog catalog) {
        this.binder = binder;
        this.catalog = catalog;
    }

    ViewDdlPlan create(Statement.CreateView c) {
        String name = binder.createKey(c.name());
        View existing = catalog.view(name);
        if (existing == null && catalog.hasRelation(name) || existing != null && !c.orReplace()) {
            throw binder.error(SqlState.DUPLICATE_TABLE, "relation \"" + name + "\" already exists", c.name().pos());
        }
        if (binder.parameters().count() > 0) {
            throw binder.error(SqlState.SYNTAX_ERROR, "a view's query cannot have parameters (?): it is stored as text",
                    c.pos());
        }
        binder.referenced().clear();
        QueryPlan plan = SetOperationBinder.bind(binder, c.query(), null);
        if (c.columns().size() > plan.columns().size()) {
            throw binder.error(SqlState.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns",
                    c.name().pos());
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ResultColumn rc = plan.columns().get(i);
            String column = i < c.columns().size() ? c.columns().get(i) : rc.label();
            if (names.contains(column)) {
                throw binder.error(SqlState.DUPLICATE_COLUMN, "column \"" + column + "\" specified more than once",
                        c.pos());
            }
            names.add(column);
        }
        if (existing != null) {
            checkReplacement(existing, names, c);
            checkTypes(existing, plan, c);
        }
        Set<String> dependsOn = new LinkedHashSet<>(binder.referenced());
        dependsOn.remove(name);
        String checkOption = checkOption(c);
        List<String> path = binder.searchPath().effective(catalog);
        if (checkOption != null) {   // 55000 unless the view is automatically updatable
            UpdatableViews.requireUpdatable(binder, new View(name, c.columns(), c.queryText(), List.copyOf(dependsOn),
                    path, checkOption), c.name().pos());
        }
        return new ViewDdlPlan(List.of(new Change.CreateView(name, c.columns(), c.queryText(), List.copyOf(dependsOn),
                path, checkOption)));
    }

    /**
     * ALTER VIEW v SET (check_option = ...) / RESET (check_option): the view written again with the
     * option it now has (55000 when set on a view that is not automatically updatable).
     */
    io.kyrodb.engine.plan.Plan alterOptions(Statement.AlterViewOptions a) {
        if (!a.ifExists()) {
            binder.checkSchema(a.name());
        }
        String key = binder.relationKey(a.name());
        View v = catalog.view(key);
        if (v == null) {
            if (catalog.hasRelation(key)) {
                throw binder.error(SqlState.WRONG_OBJECT_TYPE, "\"" + a.name().name() + "\" is not a view", a.name().pos());
            }
            if (a.ifExists()) {
                return new ViewDdlPlan(List.of());   // PostgreSQL: a NOTICE
            }
            throw binder.error(SqlState.UNDEFINED_TABLE, "relation \"" + a.name() + "\" does not exist", a.name().pos());
        }
        String checkOption = v.checkOption();
        for (String[] o : a.options()) {
            if (!a.set()) {
                if (o[1] != null) {
                    throw binder.error(SqlState.SYNTAX_ERROR, "RESET must not include values for parameters", a.pos());
                }
                if (o[0].equals("check_option")) {
                    checkOption = null;
                } else if (!o[0].equals("security_barrier") && !o[0].equals("security_invoker")) {
                    throw binder.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + o[0] + "\"",
                            a.pos());
                }
            }
        }
        if (a.set()) {
            String set = checkOption(a.options(), null, a.pos());
            checkOption = a.options().stream().anyMatch(o -> o[0].equals("check_option")) ? set : checkOption;
        }
        View altered = new View(v.name(), v.columns(), v.query(), v.dependsOn(), v.searchPath(), checkOption);
        if (checkOption != null) {
            UpdatableViews.requireUpdatable(binder, altered, a.name().pos());
        }
        return new ViewDdlPlan(List.of(Change.CreateView.of(altered)));
    }

    /**
     * The check option WITH (check_option = ...) or WITH [LOCAL | CASCADED] CHECK OPTION asks for
     * (null: none); 22023 for an unknown option or value, or one given twice, as PostgreSQL.
     * security_barrier and security_invoker are taken (booleans) and not kept: an embedded
     * database has no row-level security to guard.
     */
    private String checkOption(Statement.CreateView c) {
        return checkOption(c.options(), c.checkOption(), c.pos());
    }

    private String checkOption(List<String[]> options, String clause, io.kyrodb.sql.ast.Pos pos) {
        String checkOption = null;
        boolean seen = false;
        for (String[] o : options) {
            switch (o[0]) {
                case "check_option" -> {
                    if (seen) {
                        throw binder.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"check_option\" specified more"
                                + " than once", pos);
                    }
                    seen = true;
                    if (!"local".equals(o[1]) && !"cascaded".equals(o[1])) {
                        throw binder.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for enum option"
                                + " \"check_option\": " + (o[1] == null ? "true" : o[1])
                                + " (valid values are \"local\" and \"cascaded\")", pos);
                    }
                    checkOption = o[1];
                }
                case "security_barrier", "security_invoker" -> {
                    if (o[1] != null && !java.util.Set.of("true", "false", "on", "off", "1", "0", "yes", "no")
                            .contains(o[1])) {
                        throw binder.error(SqlState.INVALID_PARAMETER_VALUE, "invalid value for boolean option \""
                                + o[0] + "\": " + o[1], pos);
                    }
                }
                default -> throw binder.error(SqlState.INVALID_PARAMETER_VALUE, "unrecognized parameter \"" + o[0]
                        + "\"", pos);
            }
        }
        if (clause != null) {
            if (seen) {
                throw binder.error(SqlState.INVALID_PARAMETER_VALUE, "parameter \"check_option\" specified more than"
                        + " once", pos);
            }
            checkOption = clause;
        }
        return checkOption;
    }

    /** OR REPLACE keeps the old view's columns, in order and by name (PostgreSQL allows adding columns at the end). */
    private void checkReplacement(View existing, List<String> names, Statement.CreateView c) {
        List<String> old = columnsOf(existing);
        if (names.size() < old.size()) {
            throw binder.error(SqlState.INVALID_TABLE_DEFINITION, "cannot drop columns from view", c.pos());
        }
        for (int i = 0; i < old.size(); i++) {
            if (!old.get(i).equals(names.get(i))) {
                throw binder.error(SqlState.INVALID_TABLE_DEFINITION, "cannot change name of view column \""
                        + old.get(i) + "\" to \"" + names.get(i) + "\"", c.pos());
            }
        }
    }

    /** OR REPLACE keeps the old view's column types, typmods included (42P16, as PostgreSQL). */
    private void checkTypes(View existing, QueryPlan replacement, Statement.CreateView c) {
        QueryPlan old = binder.expandView(existing, null);
        for (int i = 0; i < old.columns().size() && i < replacement.columns().size(); i++) {
            io.kyrodb.engine.types.SqlType was = old.columns().get(i).type();
            io.kyrodb.engine.types.SqlType now = replacement.columns().get(i).type();
            if (!was.equals(now)) {
                String name = i < existing.columns().size() ? existing.columns().get(i) : old.columns().get(i).label();
                throw binder.error(SqlState.INVALID_TABLE_DEFINITION, "cannot change data type of view column \""
                        + name + "\" from " + was.displayName() + " to " + now.displayName(), c.pos());
            }
        }
    }

    private List<String> columnsOf(View v) {
        List<String> out = new ArrayList<>();
        QueryPlan plan = binder.expandView(v, null);
        for (int i = 0; i < plan.columns().size(); i++) {
            out.add(i < v.columns().size() ? v.columns().get(i) : plan.columns().get(i).label());
        }
        return out;
    }

    ViewDdlPlan drop(Statement.DropView d) {
        List<String> names = new ArrayList<>();
        for (QualifiedName n : d.names()) {
            if (!d.ifExists()) {
                binder.checkSchema(n);
            }
            String key = binder.relationKey(n);
            if (catalog.view(key) == null) {
                if (catalog.table(key) != null) {
                    throw binder.error(SqlState.WRONG_OBJECT_TYPE, "\"" + n.name() + "\" is not a view", n.pos());
                }
                if (!d.ifExists()) {
                    throw binder.error(SqlState.UNDEFINED_TABLE, "view \"" + n.name() + "\" does not exist", n.pos());
                }
                continue;
            }
            if (!names.contains(key)) {
                names.add(key);
            }
        }
        // dependents: dropped too with CASCADE (dependents first), else an error
        List<String> order = new ArrayList<>();
        Set<String> visiting = new HashSet<>();
        for (String name : names) {
            collect(name, d, order, visiting, names);
        }
        List<Change> changes = new ArrayList<>();
        for (String name : order) {
            changes.add(new Change.DropView(name));
        }
        return new ViewDdlPlan(changes);
    }

    private void collect(String name, Statement.DropView d, List<String> order, Set<String> visiting, List<String> named) {
        if (order.contains(name) || !visiting.add(name)) {
            return;
        }
        for (String dependent : catalog.viewsOn(name)) {
            if (!d.cascade() && !named.contains(dependent)) {
                throw binder.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop view " + name
                        + " because other objects depend on it (view " + dependent + " depends on view " + name
                        + "; use DROP ... CASCADE to drop the dependent objects too)", d.pos());
            }
            collect(dependent, d, order, visiting, named);
        }
        order.add(name);
    }
}
