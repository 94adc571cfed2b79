package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.Routines;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.Trigger;
import io.kyrodb.engine.catalog.UserFunction;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.sql.ast.Statement;

import java.util.ArrayList;
import java.util.List;

/**
 * CREATE [OR REPLACE] TRIGGER, DROP TRIGGER and ALTER TABLE ... ENABLE/DISABLE TRIGGER: checked
 * against the catalog as PostgreSQL checks them, then catalog changes (WAL change 33),
 * transactional like other DDL. The trigger's function is CREATE FUNCTION's ({@link FunctionDdlBinder},
 * {@link PlpgsqlFunctionLanguage}); a trigger names it by its catalog key.
 */
final class RoutineDdlBinder {
    private RoutineDdlBinder() {
    }

    static Plan createTrigger(Binder b, Statement.CreateTrigger c) {
        Catalog catalog = b.catalog();
        b.checkSchema(c.table());
        String tableKey = b.relationKey(c.table());
        Table table = catalog.table(tableKey);
        if (table == null) {
            if (catalog.view(tableKey) != null) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + c.table().name() + "\" is a view", c.table().pos());
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + c.table() + "\" does not exist", c.table().pos());
        }
        if (c.timing().equals("INSTEAD OF")) {
            throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + c.table().name() + "\" is a table", c.table().pos());
        }
        UserFunction f = UserFunctionCalls.named(b, c.function()).stream().filter(fn -> fn.arguments().isEmpty())
                .findFirst()
                .orElseThrow(() -> b.error(SqlState.UNDEFINED_FUNCTION, "function " + c.function().name()
                        + "() does not exist", c.function().pos()));
        if (!f.returnsTrigger()) {
            throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "function " + f.name() + " must return type trigger",
                    c.function().pos());
        }
        int events = 0;
        for (String e : c.events()) {
            events |= switch (e) {
                case "INSERT" -> Trigger.INSERT;
                case "UPDATE" -> Trigger.UPDATE;
                case "DELETE" -> Trigger.DELETE;
                default -> Trigger.TRUNCATE;
            };
        }
        if ((events & Trigger.TRUNCATE) != 0 && c.forEachRow()) {
            throw b.error(SqlState.FEATURE_NOT_SUPPORTED, "TRUNCATE FOR EACH ROW triggers are not supported", c.pos());
        }
        for (String column : c.updateColumns()) {
            if (table.columnIndex(column) < 0) {
                throw b.error(SqlState.UNDEFINED_COLUMN, "column \"" + column + "\" of relation \""
                        + c.table().name() + "\" does not exist", c.pos());
            }
        }
        if (c.when() != null) {
            checkWhen(b, c, events);
        }
        Trigger old = catalog.routines().trigger(tableKey, c.name());
        if (old != null && !c.orReplace()) {
            throw b.error(SqlState.DUPLICATE_OBJECT, "trigger \"" + c.name() + "\" for relation \"" + c.table().name()
                    + "\" already exists", c.pos());
        }
        Trigger t = new Trigger(c.name(), tableKey, c.timing().equals("BEFORE"), events, c.updateColumns(),
                c.forEachRow(), c.whenText(), f.key(), c.arguments(), true);
        return new CatalogDdlPlan(List.of(new Change.DefineTrigger(t.key(), t)));
    }

    /** PostgreSQL's rules for WHEN: a statement trigger's reads no row; INSERT has no OLD, DELETE no NEW. */
    private static void checkWhen(Binder b, Statement.CreateTrigger c, int events) {
        boolean[] uses = new boolean[2];
        ColumnRefs.visit(c.when(), ref -> {
            if ("new".equals(ref.qualifier())) {
                uses[0] = true;
            } else if ("old".equals(ref.qualifier())) {
                uses[1] = true;
            }
        });
        if (!c.forEachRow() && (uses[0] || uses[1])) {
            throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "statement trigger's WHEN condition cannot reference"
                    + " column values", c.when().pos());
        }
        if (uses[1] && (events & Trigger.INSERT) != 0) {
            throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "INSERT trigger's WHEN condition cannot reference OLD"
                    + " values", c.when().pos());
        }
        if (uses[0] && (events & Trigger.DELETE) != 0) {
            throw b.error(SqlState.INVALID_OBJECT_DEFINITION, "DELETE trigger's WHEN condition cannot reference NEW"
                    + " values", c.when().pos());
        }
    }

    static Plan dropTrigger(Binder b, Statement.DropTrigger d) {
        b.checkSchema(d.table());
        String tableKey = b.relationKey(d.table());
        if (b.catalog().table(tableKey) == null) {
            if (d.ifExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + d.table() + "\" does not exist", d.table().pos());
        }
        Trigger t = b.catalog().routines().trigger(tableKey, d.name());
        if (t == null) {
            if (d.ifExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + d.name() + "\" for table \"" + d.table().name()
                    + "\" does not exist", d.pos());
        }
        return new CatalogDdlPlan(List.of(new Change.DefineTrigger(t.key(), null)));
    }

    static Plan alterTrigger(Binder b, Statement.AlterTableTrigger a) {
        b.checkSchema(a.table());
        String tableKey = b.relationKey(a.table());
        if (b.catalog().table(tableKey) == null) {
            if (a.ifExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + a.table() + "\" does not exist", a.table().pos());
        }
        Routines routines = b.catalog().routines();
        List<Trigger> targets;
        if (a.trigger() == null) {
            targets = routines.triggersOf(tableKey);
        } else {
            Trigger t = routines.trigger(tableKey, a.trigger());
            if (t == null) {
                throw b.error(SqlState.UNDEFINED_OBJECT, "trigger \"" + a.trigger() + "\" for table \""
                        + a.table().name() + "\" does not exist", a.pos());
            }
            targets = List.of(t);
        }
        List<Change> out = new ArrayList<>();
        for (Trigger t : targets) {
            out.add(new Change.DefineTrigger(t.key(), t.withEnabled(a.enable())));
        }
        return new CatalogDdlPlan(out);
    }
}
