package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.sql.ast.Statement;

import java.util.List;

/**
 * ALTER {TABLE | SEQUENCE | VIEW | SCHEMA} name OWNER TO role. KyroDB is embedded: it has no roles
 * and every session may do everything, so ownership is not kept. The statement still checks what
 * PostgreSQL checks about the object (it exists, and is of the kind named; ALTER TABLE also takes a
 * view or a sequence, as in PostgreSQL), so a script restoring a pg_dump runs unchanged and a typo
 * is still an error.
 */
final class OwnerBinder {
    private OwnerBinder() {
    }

    static Plan bind(Binder b, Statement.AlterOwner o) {
        Catalog catalog = b.catalog();
        if (o.kind().equals("schema")) {
            if (!catalog.hasSchema(o.name().name()) && !io.kyrodb.engine.catalog.system.SystemViews.isSystemSchema(o.name().name())) {
                throw b.error(SqlState.INVALID_SCHEMA_NAME, "schema \"" + o.name().name() + "\" does not exist",
                        o.name().pos());
            }
            return new CatalogDdlPlan(List.of());
        }
        if (o.kind().equals("function") || o.kind().equals("procedure")) {   // pg_dump: ALTER FUNCTION f(args) OWNER TO
            if (UserFunctionCalls.named(b, o.name()).isEmpty()) {
                throw b.error(SqlState.UNDEFINED_FUNCTION, "function " + o.name() + " does not exist", o.name().pos());
            }
            return new CatalogDdlPlan(List.of());
        }
        if (o.kind().equals("type") || o.kind().equals("domain")) {   // an enum or a domain (42704 if none)
            UserTypeDdl.existing(b, o.name(), o.kind().equals("domain"));
            return new CatalogDdlPlan(List.of());
        }
        if (!o.ifExists()) {
            b.checkSchema(o.name());
        }
        String key = b.relationKey(o.name());
        boolean right = switch (o.kind()) {
            case "sequence" -> catalog.sequence(key) != null;
            case "view" -> catalog.view(key) != null;
            default -> catalog.hasRelation(key);
        };
        if (!right) {
            if (catalog.hasRelation(key)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + o.name().name() + "\" is not a " + o.kind(),
                        o.name().pos());
            }
            if (!o.ifExists()) {
                throw b.error(SqlState.UNDEFINED_TABLE, "relation \"" + o.name() + "\" does not exist", o.name().pos());
            }
        }
        return new CatalogDdlPlan(List.of());
    }
}
