package io.kyrodb.engine.binder;

import io.kyrodb.engine.SqlState;
import io.kyrodb.engine.catalog.Catalog;
import io.kyrodb.engine.catalog.SchemaNames;
import io.kyrodb.engine.catalog.Table;
import io.kyrodb.engine.catalog.UserTypes;
import io.kyrodb.engine.catalog.system.Relations;
import io.kyrodb.engine.plan.CatalogDdlPlan;
import io.kyrodb.engine.plan.Plan;
import io.kyrodb.engine.storage.Change;
import io.kyrodb.engine.types.DomainType;
import io.kyrodb.engine.types.EnumType;
import io.kyrodb.engine.types.UserType;
import io.kyrodb.sql.ast.QualifiedName;
import io.kyrodb.sql.ast.Statement;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CREATE TYPE ... AS ENUM, ALTER TYPE (ADD VALUE, RENAME VALUE, RENAME TO) and DROP TYPE / DROP
 * DOMAIN as PostgreSQL 15 does them: 42710 for a type or label that exists, 42704 for a type that
 * does not, 22023 for a label that is not one, 2BP01 when a column still uses a dropped type.
 * Each is one {@link Change.DefineType} or {@link Change.DropType}: the catalog gives the tables
 * whose columns are of the type its new definition.
 */
final class UserTypeDdl {
    private UserTypeDdl() {
    }

    static Plan createEnum(Binder b, Statement.CreateEnumType c) {
        String key = newTypeKey(b, c.name());
        Set<String> seen = new HashSet<>();
        for (String label : c.labels()) {
            checkLabel(b, label, c.pos());
            if (!seen.add(label)) {
                throw b.error(SqlState.UNIQUE_VIOLATION, "enum label \"" + label + "\" used more than once", c.pos());
            }
        }
        return new CatalogDdlPlan(List.of(new Change.DefineType(EnumType.of(newOid(b.catalog(), key), key, c.labels()))));
    }

    static Plan addValue(Binder b, Statement.AlterEnumAddValue a) {
        EnumType e = enumType(b, a.name());
        checkLabel(b, a.label(), a.pos());
        if (e.indexOf(a.label()) >= 0) {
            if (a.ifNotExists()) {
                return new CatalogDdlPlan(List.of());
            }
            throw b.error(SqlState.DUPLICATE_OBJECT, "enum label \"" + a.label() + "\" already exists", a.pos());
        }
        if (a.neighbour() != null && e.indexOf(a.neighbour()) < 0) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "\"" + a.neighbour() + "\" is not an existing enum label",
                    a.pos());
        }
        try {
            return new CatalogDdlPlan(List.of(new Change.DefineType(e.withLabel(a.label(), a.neighbour(), a.before()))));
        } catch (io.kyrodb.engine.KyroException full) {
            throw b.error(full.state(), full.getMessage(), a.pos());
        }
    }

    static Plan renameValue(Binder b, Statement.AlterEnumRenameValue r) {
        EnumType e = enumType(b, r.name());
        if (e.indexOf(r.from()) < 0) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "\"" + r.from() + "\" is not an existing enum label", r.pos());
        }
        checkLabel(b, r.to(), r.pos());
        if (e.indexOf(r.to()) >= 0) {
            throw b.error(SqlState.DUPLICATE_OBJECT, "enum label \"" + r.to() + "\" already exists", r.pos());
        }
        return new CatalogDdlPlan(List.of(new Change.DefineType(e.withRenamedLabel(r.from(), r.to()))));
    }

    static Plan rename(Binder b, Statement.AlterTypeRename r) {
        UserType t = existing(b, r.name(), r.domain());
        String key = SchemaNames.key(t.schema(), r.newName());
        try {
            SchemaNames.checkNewName(r.newName());
        } catch (io.kyrodb.engine.KyroException e) {
            throw b.error(SqlState.INVALID_NAME, e.getMessage(), r.pos());
        }
        if (b.catalog().type(key) != null || b.catalog().table(key) != null || b.catalog().view(key) != null) {
            throw b.error(SqlState.DUPLICATE_OBJECT, "type \"" + r.newName() + "\" already exists in schema \""
                    + t.schema() + "\"", r.pos());
        }
        return new CatalogDdlPlan(List.of(new Change.DefineType(t.withKey(key))));
    }

    static Plan drop(Binder b, Statement.DropType d) {
        Catalog catalog = b.catalog();
        List<Change> out = new ArrayList<>();
        Set<String> dropped = new HashSet<>();
        for (QualifiedName name : d.names()) {
            String key = b.userTypeKey(name.toString());
            if (key == null) {
                if (d.ifExists()) {
                    continue;
                }
                throw b.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist", name.pos());
            }
            UserType t = catalog.type(key);
            if (d.domain() && !(t instanceof DomainType)) {
                throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a domain", name.pos());
            }
            if (!dropped.add(key)) {
                continue;
            }
            String dependent = dependent(catalog, t, dropped);
            if (dependent != null) {
                throw b.error(SqlState.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + (t instanceof DomainType
                        ? "type " : "type ") + t.name() + " because other objects depend on it (" + dependent
                        + (d.cascade() ? "; KyroDB does not drop columns with DROP TYPE ... CASCADE: drop or alter them first)"
                        : "; use DROP ... CASCADE to drop the dependent objects too)"), d.pos());
            }
            out.add(new Change.DropType(key));
        }
        return new CatalogDdlPlan(out);
    }

    /** What still uses {@code t} (a column, a domain over it) and is not being dropped, as PostgreSQL names it; null if nothing. */
    private static String dependent(Catalog catalog, UserType t, Set<String> dropped) {
        for (Table table : catalog.tables()) {
            for (var c : table.columns()) {
                if (UserTypes.uses(c.type(), t.oid())) {
                    return "column " + c.name() + " of table " + SchemaNames.localOf(table.name()) + " depends on type "
                            + t.name();
                }
            }
        }
        for (UserType other : catalog.types()) {
            if (other instanceof DomainType dom && !dropped.contains(dom.key()) && UserTypes.uses(dom.base(), t.oid())) {
                return "type " + dom.name() + " depends on type " + t.name();
            }
        }
        return null;
    }

    /** The key a new type {@code name} gets; 42710 when a type (or a table, whose row type it would be) has it. */
    static String newTypeKey(Binder b, QualifiedName name) {
        String key = b.createKey(name);
        Catalog catalog = b.catalog();
        if (catalog.type(key) != null || catalog.table(key) != null || catalog.view(key) != null) {
            throw b.error(SqlState.DUPLICATE_OBJECT, "type \"" + name.name() + "\" already exists", name.pos());
        }
        return key;
    }

    /** An OID no other type has: derived from the name, as relation OIDs are, and fixed from now on. */
    static int newOid(Catalog catalog, String key) {
        int oid = (int) Relations.oid(SchemaNames.schemaOf(key), "type " + SchemaNames.localOf(key));
        while (catalog.typeByOid(oid) != null) {
            oid++;
        }
        return oid;
    }

    private static void checkLabel(Binder b, String label, io.kyrodb.sql.ast.Pos pos) {
        int bytes = label.getBytes(StandardCharsets.UTF_8).length;
        if (bytes == 0 || bytes > EnumType.MAX_LABEL_LENGTH) {
            throw b.error(SqlState.INVALID_PARAMETER_VALUE, "invalid enum label \"" + label
                    + "\" (labels must be 1 to " + EnumType.MAX_LABEL_LENGTH + " bytes)", pos);
        }
    }

    private static EnumType enumType(Binder b, QualifiedName name) {
        UserType t = existing(b, name, false);
        if (!(t instanceof EnumType e)) {
            throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not an enum", name.pos());
        }
        return e;
    }

    static UserType existing(Binder b, QualifiedName name, boolean domain) {
        String key = b.userTypeKey(name.toString());
        if (key == null) {
            throw b.error(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist", name.pos());
        }
        UserType t = b.catalog().type(key);
        if (domain && !(t instanceof DomainType)) {
            throw b.error(SqlState.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a domain", name.pos());
        }
        return t;
    }
}
